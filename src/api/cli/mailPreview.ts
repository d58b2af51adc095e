import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isEssential } from '../../notifications/notificationCategories';
import { isMailTemplateName, mailTemplates } from '../../notifications/templates/mailTemplates';
import { defaultLocale, renderMail } from '../../notifications/templates/renderMail';

export interface MailPreviewOptions {
  /** Output file of the HTML; default `<tmpdir>/mail-preview/<template>.<locale>.html`. The text part goes beside it (`.txt`). */
  out?: string;
  locale?: string;
  /** Greeting name in the layout. */
  recipientName?: string;
}

export interface MailPreviewResult {
  htmlPath: string;
  textPath: string;
  subject: string;
}

/** `npm run cli -- mail preview <template>`: renders a template with its sample variables and
 * writes the HTML (and text) to files, for a look in a browser. Throws on an unknown template,
 * listing the known ones. */
export async function mailPreview(template: string, options: MailPreviewOptions = {}): Promise<MailPreviewResult> {
  if (!isMailTemplateName(template)) throw new Error(`Unknown mail template "${template}"; known: ${Object.keys(mailTemplates).join(', ')}`);
  const locale = options.locale ?? defaultLocale;
  const essential = isEssential(mailTemplates[template].category);
  const mail = renderMail(template, mailTemplates[template].sample, {
    recipientName: options.recipientName ?? 'Tariro',
    ...(essential ? {} : { unsubscribeUrl: 'https://app.example.test/api/v1/notifications/unsubscribe?token=preview', preferencesUrl: 'https://app.example.test/settings/notifications' }),
  }, locale);
  const htmlPath = resolve(options.out ?? join(tmpdir(), 'mail-preview', `${template}.${locale}.html`));
  const textPath = htmlPath.replace(/\.html?$/i, '') + '.txt';
  await mkdir(join(htmlPath, '..'), { recursive: true });
  await writeFile(htmlPath, mail.html);
  await writeFile(textPath, `Subject: ${mail.subject}\n\n${mail.text}`);
  return { htmlPath, textPath, subject: mail.subject };
}
