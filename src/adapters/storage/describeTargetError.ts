import type { S3Credentials } from '../../ports/tenantBackupTarget';
const hints: Record<string, string> = {
  InvalidAccessKeyId: 'the access key id is not known to the endpoint',
  SignatureDoesNotMatch: 'the secret access key does not match the access key id',
  AccessDenied: 'the credentials may not write to this bucket',
  NoSuchBucket: 'the bucket does not exist',
  PermanentRedirect: 'the bucket is in another region',
  AuthorizationHeaderMalformed: 'the region does not match the bucket',
};

/** What a tenant is told when its target failed. An S3 answer (an HTTP status came back) is named
 * by its code with a plain hint: that is about the tenant's bucket and credentials. Anything short of
 * an answer — refused, timed out, TLS, DNS, an internal address — is one generic sentence, so the
 * platform cannot be used to tell open ports and live hosts apart (docs/decisions/028). Bounded, with
 * the credentials blanked out wherever a server echoed them. */
export function describeTargetError(error: unknown, credentials?: S3Credentials | null): string {
  const e = error as { name?: string; code?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | null;
  const status = e?.$metadata?.httpStatusCode;
  if (!status) return 'the endpoint could not be reached, or did not answer as S3 does';
  const code = /^[A-Za-z0-9.]{1,64}$/.test(String(e?.Code ?? e?.name ?? '')) ? String(e?.Code ?? e?.name) : 'UnknownError';
  let text = `${code} (HTTP ${status})${hints[code] ? `: ${hints[code]}` : ''}`;
  for (const secret of [credentials?.secretAccessKey, credentials?.accessKeyId]) {
    if (secret) text = text.split(secret).join('[redacted]');
  }
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
