import type { MailFailure } from '../../ports/mailer';
import { BreakerOpenError } from '../resilience/breakerOpenError';

// A local envelope check failing (no or invalid recipient) is the address, not the server.
const permanentCodes = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'EMAXRECIPIENTS']);

/** Classifies a nodemailer error. 4xx, connection, timeout, TLS and auth failures are transient:
 * an outage or a misconfiguration an operator fixes; retried with backoff, counted by the breaker. */
export function describeSmtpFailure(error: unknown): MailFailure {
  if (error instanceof BreakerOpenError) return { permanent: false, code: 'EBREAKEROPEN', responseCode: null, message: error.message };
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const raw = typeof e.response === 'string' && e.response ? e.response : typeof e.message === 'string' ? e.message : String(error);
  const permanent = responseCode !== null ? responseCode >= 500 : code !== null && permanentCodes.has(code);
  return { permanent, code, responseCode, message: redact(raw).slice(0, 500) };
}

/** URLs with userinfo (an SMTP URL quoted in an error) lose their credentials. */
function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
