import { checkTargetEndpoint } from '../../../src/adapters/storage/checkTargetEndpoint';
import { describeTargetError } from '../../../src/adapters/storage/describeTargetError';

describe('a tenant-chosen endpoint (SSRF guard)', () => {
  it('AWS (no endpoint) and anything when private endpoints are allowed pass', async () => {
    expect(await checkTargetEndpoint(null, false)).toBeNull();
    expect(await checkTargetEndpoint('http://127.0.0.1:9000', true)).toBeNull();
  });

  it('refuses plain http and private, loopback, link-local and unique-local addresses', async () => {
    expect(await checkTargetEndpoint('http://s3.example.com', false)).toMatch(/https/);
    for (const endpoint of ['https://127.0.0.1', 'https://10.1.2.3:9000', 'https://192.168.1.10', 'https://169.254.169.254', 'https://[::1]', 'https://[fd00::1]', 'https://[::ffff:127.0.0.1]', 'https://localhost']) {
      expect({ endpoint, refused: await checkTargetEndpoint(endpoint, false) }).toEqual({ endpoint, refused: expect.stringMatching(/private or reserved/) });
    }
  });

  it('accepts a public address', async () => {
    expect(await checkTargetEndpoint('https://52.95.150.1', false)).toBeNull();
  });
});

describe('what a tenant\'s S3 said, for problems and events', () => {
  const credentials = { accessKeyId: 'AKIAEXAMPLEKEY123', secretAccessKey: 'very-secret-value-42' };

  it('names the code with a plain hint and the HTTP status', () => {
    const error = Object.assign(new Error('The AWS Access Key Id you provided does not exist'), { name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
    expect(describeTargetError(error, credentials)).toBe('InvalidAccessKeyId (HTTP 403): the access key id is not known to the endpoint');
  });

  it('blanks the credentials wherever a server echoed them', () => {
    const error = Object.assign(new Error('odd server'), { name: 'AKIAEXAMPLEKEY123', $metadata: { httpStatusCode: 400 } });
    const text = describeTargetError(error, credentials);
    expect(text).not.toContain(credentials.accessKeyId);
    expect(text).toContain('[redacted]');
  });

  it('says nothing about why an endpoint could not be reached (no port or host oracle)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 203.0.113.7:443'), { code: 'ECONNREFUSED' });
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const texts = new Set([refused, tls, new Error('socket hang up')].map((error) => describeTargetError(error, credentials)));
    expect([...texts]).toEqual(['the endpoint could not be reached, or did not answer as S3 does']);
  });
});
