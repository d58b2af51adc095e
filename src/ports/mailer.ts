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
