import { parsePaynowMessage, verifyPaynowMessage } from '../../../src/adapters/paynow/parsePaynowMessage';
import { paynowHash } from '../../../src/adapters/paynow/paynowHash';
import { simulatorHash } from '../../support/paynowSimulator';
import { docsExampleConcatenatedValues, docsExampleHash, docsExampleIntegrationKey, docsExampleReply } from './paynowDocsExample';

/**
 * The simulator and the adapter each hash on their own. Agreeing with each other proves nothing (both
 * could be wrong the same way); each agreeing with Paynow's published example does.
 */
describe('contract: the simulator, the adapter and Paynow\'s documentation hash alike', () => {
  const values = parsePaynowMessage(docsExampleReply).fields.filter(([name]) => name !== 'hash').map(([, value]) => value);

  it('the documentation\'s example values are what both sides concatenate', () => {
    expect(values.join('')).toBe(docsExampleConcatenatedValues);
  });

  it('the simulator produces the documented hash', () => {
    expect(simulatorHash(values, docsExampleIntegrationKey)).toBe(docsExampleHash);
  });

  it('the adapter produces the documented hash and accepts the documented reply', () => {
    expect(paynowHash(values, docsExampleIntegrationKey)).toBe(docsExampleHash);
    expect(() => verifyPaynowMessage(parsePaynowMessage(docsExampleReply), docsExampleIntegrationKey, 'initiation reply')).not.toThrow();
  });

  it('both hash UTF-8 text the same way (a description in Shona with a non-ASCII character)', () => {
    const withAccent = ['Mari yekubhadhara — Harare', '12.34'];
    expect(simulatorHash(withAccent, docsExampleIntegrationKey)).toBe(paynowHash(withAccent, docsExampleIntegrationKey));
  });
});
