import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSmtpFailure } from '../../src/adapters/mail/describeSmtpFailure';
import { mailPreview } from '../../src/api/cli/mailPreview';
import { notificationRules } from '../../src/notifications/notificationRules';
import { mailTemplates, type MailTemplateName } from '../../src/notifications/templates/mailTemplates';
import { renderMail, TemplateVariablesError } from '../../src/notifications/templates/renderMail';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../src/notifications/unsubscribeToken';

const names = Object.keys(mailTemplates) as MailTemplateName[];

test.each(names)('%s renders its sample in the layout, HTML escaped, text not', (name) => {
  const mail = renderMail(name, mailTemplates[name].sample, { recipientName: "O'Brien <x>" });
  expect(mail.subject.length).toBeGreaterThan(5);
  expect(mail.subject).not.toMatch(/[{}]/);
  expect(mail.text).toContain("Hello O'Brien <x>,");
  expect(mail.html).toContain('Hello O&#x27;Brien &lt;x&gt;,');
  expect(mail.html).toMatch(/^<!doctype html>/);
});

test('variables are checked: a missing or extra one refuses to render', () => {
  expect(() => renderMail('instanceReady', { instanceName: 'x' }, { recipientName: 'a' })).toThrow(TemplateVariablesError);
  expect(() => renderMail('welcome', { ...mailTemplates.welcome.sample, token: 'x' }, { recipientName: 'a' })).toThrow(/token/);
});

test('every rule names a template that exists', () => {
  for (const rule of Object.values(notificationRules)) expect(mailTemplates[rule.template]).toBeDefined();
});

test('mail preview writes the HTML and text to files', async () => {
  const out = join(tmpdir(), `mail-preview-${process.pid}`, 'ready.html');
  const result = await mailPreview('instanceReady', { out });
  expect(result.htmlPath).toBe(out);
  expect(await readFile(out, 'utf8')).toContain('Mopane ERP');
  expect(await readFile(result.textPath, 'utf8')).toMatch(/^Subject: Your Odoo instance Mopane ERP is ready/);
  await expect(mailPreview('nope')).rejects.toThrow(/known: welcome/);
});

test('unsubscribe tokens: signed, bound to user and category, optional categories only', () => {
  const key = Buffer.alloc(32, 7);
  const token = signUnsubscribeToken(key, { userId: 'u-1', category: 'alerts' });
  expect(verifyUnsubscribeToken(key, token)).toEqual({ userId: 'u-1', category: 'alerts' });
  expect(verifyUnsubscribeToken(Buffer.alloc(32, 8), token)).toBeNull();
  expect(verifyUnsubscribeToken(key, token.replace('alerts', 'account'))).toBeNull();
  expect(verifyUnsubscribeToken(key, signUnsubscribeToken(key, { userId: 'u-1', category: 'security' }))).toBeNull();
});

test('SMTP failures: 5xx and bad envelopes are permanent, 4xx and connection trouble transient, no credentials kept', () => {
  expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 unknown' })).toMatchObject({ permanent: true, responseCode: 550 });
  expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 451, response: '451 try later' }).permanent).toBe(false);
  expect(describeSmtpFailure({ code: 'EENVELOPE', message: 'Invalid recipient' }).permanent).toBe(true);
  expect(describeSmtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).permanent).toBe(false);
  expect(describeSmtpFailure(new Error('failed smtp://mailer:hunter2@smtp.example.test:587')).message).not.toContain('hunter2');
});
