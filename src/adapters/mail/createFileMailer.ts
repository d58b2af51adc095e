import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer } from '../../ports/mailer';

/** Mails as .eml files in `dir` (nodemailer's stream transport renders the same message SMTP would
 * carry), each with a .txt of its text part, for a platform with no mail server: `npm start` on the
 * embedded defaults. Files are the owner's only (mode 600): they hold reset and verification links. */
export function createFileMailer(options: { dir: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text,
        messageId: mail.messageId, headers: mail.headers ?? {}, disableFileAccess: true, disableUrlAccess: true,
      });
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${(info.messageId ?? 'mail').replace(/[^A-Za-z0-9@._-]/g, '')}.eml`;
      await writeFile(path.join(options.dir, name), info.message as Buffer, { mode: 0o600 });
      // The text part as its reader sees it (the .eml may be quoted-printable): links copy as they are.
      await writeFile(path.join(options.dir, name.replace(/\.eml$/, '.txt')), `To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`, { mode: 0o600 });
      return { messageId: info.messageId, response: `written to ${name}` };
    },
    close() {
      transport.close();
    },
  };
}
