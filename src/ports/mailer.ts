/** The notifier's port to a mail transport (src/adapters/mail). */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic per notification: receivers can drop a copy the notifier had to send twice. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface MailReceipt {
  messageId: string;
  /** The server's final answer, e.g. `250 OK: queued as ...`. */
  response: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects with the transport's error. */
  send(mail: OutgoingMail): Promise<MailReceipt>;
  close(): void;
}

/** A failed send, as the transport classifies it (describeFailure). */
export interface MailFailure {
  /** Retrying the same message cannot succeed: 5xx answers, a rejected or malformed address. */
  permanent: boolean;
  code: string | null;
  responseCode: number | null;
  /** The server's answer or the transport's message, without credentials, at most 500 characters. */
  message: string;
}
