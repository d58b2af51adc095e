import type { S3Credentials } from './backupTargetCredentials';

const hints: Record<string, string> = {
  InvalidAccessKeyId: 'the access key id is not known to the endpoint',
  SignatureDoesNotMatch: 'the secret access key does not match the access key id',
  AccessDenied: 'the credentials may not write to this bucket',
  NoSuchBucket: 'the bucket does not exist',
  PermanentRedirect: 'the bucket is in another region',
  AuthorizationHeaderMalformed: 'the region does not match the bucket',
  ENOTFOUND: 'the endpoint\'s host name does not resolve',
  ECONNREFUSED: 'the endpoint refused the connection',
  ETIMEDOUT: 'the endpoint did not answer in time',
};

/** What a tenant's S3 said, for a problem detail or an event: the error's code with a plain hint,
 * bounded, and with the credentials blanked out wherever a server echoed them. */
export function describeTargetError(error: unknown, credentials?: S3Credentials | null): string {
  const e = error as { name?: string; code?: string; message?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const code = e?.Code ?? e?.code ?? e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  const hint = hints[code];
  let text = `${code}${status ? ` (HTTP ${status})` : ''}: ${hint ?? e?.message ?? String(error)}`;
  for (const secret of [credentials?.secretAccessKey, credentials?.accessKeyId]) {
    if (secret) text = text.split(secret).join('[redacted]');
  }
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
