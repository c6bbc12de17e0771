import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createMailer } from '../../src/features/mail/mailer.ts';
import { SmtpError, sendSmtp, type SmtpOptions } from '../../src/features/mail/smtp.ts';

/** What a real SMTP server (smtp-server, the protocol side of the nodemailer project) saw. */
interface Seen {
  connections: number;
  auths: { method: string; username: string }[];
  mailFrom: string[];
  rcptTo: string[];
  /** Each message as received, raw. */
  messages: Buffer[];
  secure: boolean[];
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function smtpServer(
  options: SMTPServerOptions & { user?: string; password?: string; refuseRcpt?: boolean },
): Promise<{ port: number; seen: Seen }> {
  const seen: Seen = { connections: 0, auths: [], mailFrom: [], rcptTo: [], messages: [], secure: [] };
  const { user, password, refuseRcpt, ...serverOptions } = options;
  const server = new SMTPServer({
    allowInsecureAuth: true,
    authOptional: user === undefined,
    logger: false,
    ...serverOptions,
    onConnect(_session, callback) {
      seen.connections += 1;
      callback();
    },
    onAuth(auth, session, callback) {
      seen.auths.push({ method: auth.method, username: auth.username ?? '' });
      seen.secure.push(session.secure);
      if (auth.username === user && auth.password === password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(address, _session, callback) {
      seen.mailFrom.push(address.address);
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (refuseRcpt) return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
      seen.rcptTo.push(address.address);
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        seen.messages.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, seen };
}

const FROM = 'Một cửa Đồng Tháp <motcua@dongthap.gov.vn>';
const base = (port: number, over: Partial<SmtpOptions> = {}): SmtpOptions => ({
  host: '127.0.0.1',
  port,
  startTls: false,
  from: FROM,
  clientName: 'motcua.test',
  timeoutMs: 5_000,
  ...over,
});

const SUBJECT =
  'Hồ sơ 000.00.09.H20-260302-0001 đã quá hạn trả kết quả (hẹn trả 02/03/2026 17:00) — nhắc lần thứ nhất';
const TEXT = [
  'Dòng thứ nhất, tiếng Việt có dấu.',
  '.dòng bắt đầu bằng một dấu chấm',
  '..và dòng có hai dấu chấm',
  '.',
  'Hết.',
].join('\n');

describe('the SMTP client against a real SMTP server', () => {
  it('sends a Vietnamese message with AUTH that arrives intact (dot lines, subject, sender name)', async () => {
    const server = await smtpServer({ user: 'motcua', password: 'mật-khẩu', disabledCommands: ['STARTTLS'] });
    await sendSmtp(base(server.port, { user: 'motcua', password: 'mật-khẩu' }), {
      to: 'tuphap.thuly@dongthap.gov.vn',
      subject: SUBJECT,
      text: TEXT,
    });
    expect(server.seen.auths).toEqual([{ method: 'PLAIN', username: 'motcua' }]);
    expect(server.seen.mailFrom).toEqual(['motcua@dongthap.gov.vn']);
    expect(server.seen.rcptTo).toEqual(['tuphap.thuly@dongthap.gov.vn']);
    const raw = server.seen.messages[0]!;
    // Every header line ASCII: the Vietnamese is in encoded-words.
    const rawHeaders = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
    expect(rawHeaders).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text?.replace(/\r\n/g, '\n').replace(/\n$/, '')).toBe(TEXT);
    expect(mail.from?.value).toEqual([{ name: 'Một cửa Đồng Tháp', address: 'motcua@dongthap.gov.vn' }]);
    expect(mail.messageId).toMatch(/@dongthap\.gov\.vn>$/);
  });

  it('reports a refused recipient with its code and sends no message', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'], refuseRcpt: true });
    const sent = sendSmtp(base(server.port), { to: 'nobody@example.vn', subject: 'x', text: 'y' });
    await expect(sent).rejects.toBeInstanceOf(SmtpError);
    await expect(sent).rejects.toMatchObject({ code: 550 });
    expect(server.seen.messages).toHaveLength(0);
  });

  it('reports wrong credentials with their code', async () => {
    const server = await smtpServer({ user: 'u', password: 'p', disabledCommands: ['STARTTLS'] });
    const sent = sendSmtp(base(server.port, { user: 'u', password: 'wrong' }), {
      to: 'a@example.vn',
      subject: 'x',
      text: 'y',
    });
    await expect(sent).rejects.toMatchObject({ name: 'SmtpError', code: 535 });
    expect(server.seen.messages).toHaveLength(0);
  });

  it('refuses to go on in clear when STARTTLS is required but not offered', async () => {
    const server = await smtpServer({ user: 'u', password: 'p', disabledCommands: ['STARTTLS'] });
    await expect(
      sendSmtp(base(server.port, { startTls: true, user: 'u', password: 'p' }), {
        to: 'a@example.vn',
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toThrow(/STARTTLS/);
    expect(server.seen.connections).toBe(1);
    expect(server.seen.auths).toEqual([]);
  });

  it('refuses addresses that could inject headers or commands, without connecting', async () => {
    const server = await smtpServer({ disabledCommands: ['STARTTLS'] });
    for (const to of ['a@example.vn\r\nBcc: b@example.vn', 'a@example.vn>', 'not an address']) {
      await expect(sendSmtp(base(server.port), { to, subject: 'x', text: 'y' })).rejects.toThrow(/address/);
    }
    expect(server.seen.connections).toBe(0);
  });

  const opensslWorks = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!opensslWorks)(
    'upgrades with STARTTLS, then authenticates inside TLS; an untrusted certificate stops it first',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-smtp-'));
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'ec',
            '-pkeyopt',
            'ec_paramgen_curve:prime256v1',
            '-nodes',
            '-keyout',
            path.join(dir, 'key.pem'),
            '-out',
            path.join(dir, 'cert.pem'),
            '-days',
            '1',
            '-subj',
            '/CN=127.0.0.1',
            '-addext',
            'subjectAltName=IP:127.0.0.1',
          ],
          { stdio: 'ignore' },
        );
        const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
        const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
        const server = await smtpServer({ key, cert, user: 'u', password: 'p', allowInsecureAuth: false });
        await sendSmtp(base(server.port, { startTls: true, user: 'u', password: 'p', tls: { ca: cert } }), {
          to: 'a@example.vn',
          subject: SUBJECT,
          text: TEXT,
        });
        expect(server.seen.secure).toEqual([true]);
        expect((await simpleParser(server.seen.messages[0]!)).subject).toBe(SUBJECT);

        // A certificate the client does not trust stops everything before credentials are sent.
        const untrusted = await smtpServer({ key, cert, user: 'u', password: 'p', allowInsecureAuth: false });
        await expect(
          sendSmtp(base(untrusted.port, { startTls: true, user: 'u', password: 'p' }), {
            to: 'a@example.vn',
            subject: 'x',
            text: 'y',
          }),
        ).rejects.toBeInstanceOf(SmtpError);
        expect(untrusted.seen.auths).toEqual([]);
        expect(untrusted.seen.messages).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('mail settings', () => {
  it('defaults to no email, checks smtp settings, and the log transport writes to the log', async () => {
    expect(loadConfig({}).mailTransport).toBe('none');
    expect(() => loadConfig({ MAIL_TRANSPORT: 'carrier-pigeon' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_FROM: 'a@b.vn' })).toThrow(/SMTP_HOST/);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'mail' })).toThrow(/SMTP_FROM/);
    expect(() =>
      loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'mail', SMTP_FROM: 'a@b.vn', SMTP_USER: 'u' }),
    ).toThrow(/SMTP_PASSWORD/);
    const config = loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_HOST: 'mail', SMTP_FROM: 'a@b.vn' });
    expect(config).toMatchObject({ smtpPort: 587, smtpStartTls: true });
    expect(createMailer(config, () => undefined).transport).toBe('smtp');
    expect(() => createMailer({ ...config, smtpFrom: 'not an address' }, () => undefined)).toThrow();

    const logged: unknown[] = [];
    const mailer = createMailer(loadConfig({ MAIL_TRANSPORT: 'log' }), (fields, text) =>
      logged.push({ fields, text }),
    );
    await mailer.send({ to: 'a@b.vn', subject: 'Tiêu đề', text: 'Nội dung' });
    expect(logged).toEqual([{ fields: { mail: { to: 'a@b.vn', subject: 'Tiêu đề' } }, text: 'Nội dung' }]);
  });
});
