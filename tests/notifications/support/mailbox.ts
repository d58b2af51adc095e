import { waitFor } from '../../adapters/bus/busTestContext';
import type { NotifierWorld } from './notifierWorld';
import type { ReceivedMail } from './testSmtpServer';

/** What a notifier world's SMTP server received, by recipient: `oneMail` waits for a mail whose
 * subject matches and asserts it came exactly once. */
export function mailbox(world: () => NotifierWorld) {
  const mailsTo = (address: string) => world().smtp.mails.filter((m) => m.to.includes(address));
  async function oneMail(address: string, subject: RegExp): Promise<ReceivedMail> {
    await waitFor(() => mailsTo(address).some((m) => subject.test(m.subject)), { what: `a mail to ${address} about ${subject}` });
    const matching = mailsTo(address).filter((m) => subject.test(m.subject));
    expect(matching).toHaveLength(1);
    return matching[0]!;
  }
  return { mailsTo, oneMail };
}

/** Long enough for a redelivered or duplicate event to have produced a mail if it were going to. */
export const settle = (ms = 1500) => new Promise((resolve) => setTimeout(resolve, ms));
