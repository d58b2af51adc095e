import nodemailer from 'nodemailer';
import type { Mailer } from '../../ports/mailer';

export interface SmtpMailerOptions {
  /** smtp:// or smtps:// URL, credentials included when the server needs them. */
  url: string;
  from: string;
  timeoutMs: number;
}

/** nodemailer over SMTP. One connection per message rather than a pool: transactional volume is
 * low, and a fresh connection per attempt recovers from a server restart without stale sockets. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    // nodemailer would otherwise log the envelope and (with debug) the message body, token links included.
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers ?? {},
        // Only what it is: a reply to a platform mail reaches no one, so no Reply-To games.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { messageId: info.messageId, response: String(info.response ?? '') };
    },
    close() {
      transport.close();
    },
  };
}
