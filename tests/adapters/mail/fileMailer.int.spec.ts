import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileMailer } from '../../../src/adapters/mail/createFileMailer';

// Without SMTP_URL (npm start on the embedded defaults) mails are files a developer can open: the
// whole message as SMTP would carry it, readable by its owner only (it holds sign-in links).
test('writes each mail as an .eml file of mode 600 holding the rendered message', async () => {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'file-mailer-')), 'mail');
  try {
    const mailer = createFileMailer({ dir, from: 'Odoo Hosting <no-reply@odoo.localhost>' });
    const sent = await mailer.send({
      to: 'tendai@example.co.zw', subject: 'Verify your email', text: 'Open https://app.example.test/verify?token=abc',
      html: '<p>Open <a href="https://app.example.test/verify?token=abc">the link</a></p>', messageId: '<m1@odoo.localhost>',
    });
    mailer.close();
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    const file = files.find((name) => name.endsWith('.eml'));
    const text = await readFile(path.join(dir, files.find((name) => name.endsWith('.txt'))!), 'utf8');
    expect(text).toBe('To: tendai@example.co.zw\nSubject: Verify your email\n\nOpen https://app.example.test/verify?token=abc\n');
    expect(sent.response).toContain(file);
    const message = await readFile(path.join(dir, file!), 'utf8');
    expect(message).toMatch(/^To: tendai@example\.co\.zw$/m);
    expect(message).toMatch(/^Subject: Verify your email$/m);
    expect(message).toContain('token=abc');
    expect((await stat(path.join(dir, file!))).mode & 0o777).toBe(0o600);
  } finally {
    await rm(path.dirname(dir), { recursive: true, force: true });
  }
});
