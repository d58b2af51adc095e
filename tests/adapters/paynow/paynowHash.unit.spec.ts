import { parsePaynowMessage, verifyPaynowMessage } from '../../../src/adapters/paynow/parsePaynowMessage';
import { paynowHash, paynowHashesMatch } from '../../../src/adapters/paynow/paynowHash';
import { PaymentHashMismatchError } from '../../../src/ports/paymentGateway';
import { docsExampleConcatenatedValues, docsExampleHash, docsExampleIntegrationKey, docsExampleReply } from './paynowDocsExample';

describe('Paynow hashing, against the worked example of Paynow\'s documentation', () => {
  it('joins the URL-decoded values in message order, without the hash, as the documentation shows', () => {
    const values = parsePaynowMessage(docsExampleReply).fields.filter(([name]) => name !== 'hash').map(([, value]) => value);
    expect(values.join('')).toBe(docsExampleConcatenatedValues);
  });

  it('hashes them with the integration key into the documented upper-case SHA-512', () => {
    expect(paynowHash([docsExampleConcatenatedValues], docsExampleIntegrationKey)).toBe(docsExampleHash);
  });

  it('verifies the example reply', () => {
    expect(() => verifyPaynowMessage(parsePaynowMessage(docsExampleReply), docsExampleIntegrationKey, 'initiation reply')).not.toThrow();
  });

  it('reads field names without case, as Paynow writes them both ways (Status=Ok&BrowserUrl=…)', () => {
    const capitalised = docsExampleReply.replace('status=', 'Status=').replace('browserurl=', 'BrowserUrl=').replace('&hash=', '&Hash=');
    expect(() => verifyPaynowMessage(parsePaynowMessage(capitalised), docsExampleIntegrationKey, 'poll reply')).not.toThrow();
  });

  it('refuses the example with one value changed, another key, no hash, or values reordered', () => {
    const refused = [
      [docsExampleReply.replace('paynowreference=9510', 'paynowreference=9511'), docsExampleIntegrationKey],
      [docsExampleReply, '3e9fed89-60e1-4ce5-ab6e-6b1eb2d4f978'],
      [docsExampleReply.replace(/&hash=.*$/, ''), docsExampleIntegrationKey],
      [docsExampleReply.replace(/^status=Ok&/, '').replace('&hash=', '&status=Ok&hash='), docsExampleIntegrationKey],
    ] as const;
    for (const [message, key] of refused) {
      expect(() => verifyPaynowMessage(parsePaynowMessage(message), key, 'result callback')).toThrow(PaymentHashMismatchError);
    }
  });

  it('says which message failed and nothing of the key or the hashes', () => {
    const error = catchError(() => verifyPaynowMessage(parsePaynowMessage(docsExampleReply), 'another-key', 'result callback'));
    expect(error.message).toBe('result callback from the payment provider failed hash verification');
    expect(error.message).not.toContain(docsExampleHash.slice(0, 16));
  });

  it('compares hashes without regard to hex case, and never equal when lengths differ', () => {
    expect(paynowHashesMatch(docsExampleHash, docsExampleHash.toLowerCase())).toBe(true);
    expect(paynowHashesMatch(docsExampleHash, docsExampleHash.slice(1))).toBe(false);
    expect(paynowHashesMatch(docsExampleHash, '')).toBe(false);
  });
});

function catchError(action: () => void): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
