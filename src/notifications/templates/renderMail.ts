import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { mailTemplates, type MailTemplateName } from './mailTemplates';

export const defaultLocale = 'en';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Per recipient, filled in by the layout: never part of a template's own variables. */
export interface LayoutVariables {
  recipientName: string;
  /** Present for opt-outable mails only; essential ones say they cannot be turned off. */
  unsubscribeUrl?: string;
  preferencesUrl?: string;
}

export class TemplateVariablesError extends Error {
  constructor(template: string, readonly issues: string[]) {
    super(`Mail template ${template}: invalid variables (${issues.join('; ')})`);
    this.name = 'TemplateVariablesError';
  }
}

// Two environments: HTML escapes every {{value}}; subject and text must not (an apostrophe in a
// name would arrive as &#x27;).
const htmlEnv = Handlebars.create();
const textEnv = Handlebars.create();
for (const env of [htmlEnv, textEnv]) env.registerHelper('eq', (a: unknown, b: unknown) => a === b);

type Compiled = (context: object) => string;
const cache = new Map<string, Compiled>();

function source(locale: string, file: string): string {
  const localePath = join(__dirname, locale, file);
  return readFileSync(existsSync(localePath) ? localePath : join(__dirname, defaultLocale, file), 'utf8');
}

function compiled(locale: string, file: string, part: 'subject' | 'html' | 'text' | null): Compiled {
  const key = `${locale}/${file}#${part ?? ''}`;
  let template = cache.get(key);
  if (!template) {
    // A mail file declares its parts as inline partials; rendering one part = the file + `{{> part}}`.
    const text = part ? `${source(locale, file)}{{> ${part}}}` : source(locale, file);
    const env = part === 'html' || file.endsWith('.html.hbs') ? htmlEnv : textEnv;
    template = env.compile(text, { noEscape: env === textEnv });
    cache.set(key, template);
  }
  return template;
}

/** Checks the variables against the template's schema, then renders subject, HTML and text inside
 * the shared layout. A locale without its own file falls back to `en`. */
export function renderMail(name: MailTemplateName, variables: unknown, layout: LayoutVariables, locale = defaultLocale): RenderedMail {
  const parsed = mailTemplates[name].schema.safeParse(variables);
  if (!parsed.success) throw new TemplateVariablesError(name, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const context = { ...(parsed.data as object), ...layout };
  const file = `${name}.hbs`;
  const subject = compiled(locale, file, 'subject')(context).replace(/\s+/g, ' ').trim();
  const htmlBody = compiled(locale, file, 'html')(context).trim();
  const textBody = compiled(locale, file, 'text')(context).trim();
  return {
    subject,
    html: compiled(locale, 'layout.html.hbs', null)({ ...context, subject, body: htmlBody }),
    text: `${compiled(locale, 'layout.txt.hbs', null)({ ...context, body: textBody }).trim()}\n`,
  };
}
