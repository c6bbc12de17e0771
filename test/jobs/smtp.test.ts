import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { createMailer } from '../../src/features/mail/mailer.ts';
import { dotStuff, encodeHeaderValue } from '../../src/features/mail/message.ts';
import { SmtpError, sendSmtp, type SmtpOptions } from '../../src/features/mail/smtp.ts';

/** What the fake server saw in one connection. */
interface Seen {
  commands: string[];
  /** DATA as it came over the wire (dot-stuffed), and after removing the stuffing. */
  wire: string[];
  messages: string[];
  tls: boolean;
}

interface FakeOptions {
  /** EHLO keywords before and after STARTTLS. */
  extensions: string[];
  extensionsAfterTls?: string[];
  tls?: { key: string; cert: string };
  rcptReply?: string;
  user?: string;
  password?: string;
}

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A tiny SMTP server: replies in several writes (even mid-line) to exercise the client's reader. */
async function fakeSmtp(options: FakeOptions): Promise<{ port: number; sessions: Seen[] }> {
  const sessions: Seen[] = [];
  const server = net.createServer((raw) => {
    const seen: Seen = { commands: [], wire: [], messages: [], tls: false };
    sessions.push(seen);
    let socket: net.Socket = raw;
    let buffer = '';
    let data: string | null = null;
    let login: 'user' | 'password' | null = null;
    let loginUser = '';
    let queue = Promise.resolve();
    const reply = (...lines: string[]) => {
      const text = lines.join('\r\n') + '\r\n';
      const cut = Math.floor(text.length / 2);
      const target = socket;
      // Two writes with a pause between: a reply may arrive in pieces.
      queue = queue.then(async () => {
        target.write(text.slice(0, cut));
        await sleep(2);
        target.write(text.slice(cut));
      });
    };
    const ehlo = () => {
      const ext = seen.tls ? (options.extensionsAfterTls ?? options.extensions) : options.extensions;
      const lines = ['fake.test greets you', ...ext];
      reply(...lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}`));
    };
    const authorised = (user: string, password: string) =>
      user === (options.user ?? '') && password === (options.password ?? '');
    const onLine = (line: string) => {
      if (data !== null) {
        if (line === '.') {
          seen.wire.push(data);
          seen.messages.push(data.replace(/(^|\r\n)\./g, '$1'));
          data = null;
          reply('250 2.0.0 queued as 42');
        } else data += `${line}\r\n`;
        return;
      }
      seen.commands.push(line);
      if (login === 'user') {
        loginUser = Buffer.from(line, 'base64').toString('utf8');
        login = 'password';
        return reply('334 UGFzc3dvcmQ6');
      }
      if (login === 'password') {
        login = null;
        return reply(
          authorised(loginUser, Buffer.from(line, 'base64').toString('utf8')) ? '235 ok' : '535 no',
        );
      }
      const verb = line.split(' ')[0]!.toUpperCase();
      switch (verb) {
        case 'EHLO':
          return ehlo();
        case 'STARTTLS': {
          if (!options.tls) return reply('502 not here');
          socket.write('220 go ahead\r\n');
          raw.off('data', onData);
          socket = new tls.TLSSocket(raw, {
            isServer: true,
            secureContext: tls.createSecureContext(options.tls),
          });
          socket.on('data', onData);
          socket.on('error', () => undefined);
          seen.tls = true;
          return;
        }
        case 'AUTH': {
          const [, mechanism, initial] = line.split(' ');
          if (mechanism === 'LOGIN') {
            login = 'user';
            return reply('334 VXNlcm5hbWU6');
          }
          const [, user, password] = Buffer.from(initial ?? '', 'base64')
            .toString('utf8')
            .split('\0');
          return reply(authorised(user ?? '', password ?? '') ? '235 2.7.0 ok' : '535 5.7.8 no');
        }
        case 'MAIL':
          return reply('250 2.1.0 sender ok');
        case 'RCPT':
          return reply(options.rcptReply ?? '250 2.1.5 recipient ok');
        case 'DATA':
          data = '';
          return reply('354 end with <CRLF>.<CRLF>');
        case 'QUIT':
          reply('221 bye');
          void queue.then(() => socket.end());
          return;
        default:
          return reply('502 5.5.2 unknown');
      }
    };
    function onData(chunk: Buffer) {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onLine(line);
      }
    }
    raw.on('data', onData);
    raw.on('error', () => undefined);
    reply('220-fake.test ESMTP', '220 ready when you are');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, sessions };
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

/** Headers unfolded, and the body, of a message as received. */
function parse(message: string): { headers: Map<string, string>; body: string } {
  const split = message.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of message
    .slice(0, split)
    .replace(/\r\n[ \t]/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: message.slice(split + 4) };
}

/** RFC 2047 decoding of B-encoded UTF-8 words (adjacent words join without the space between). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

const SUBJECT =
  'Hồ sơ 000.00.09.H20-260302-0001 đã quá hạn trả kết quả (hẹn trả 02/03/2026 17:00) — nhắc lần thứ nhất';
const TEXT = [
  'Dòng thứ nhất, tiếng Việt có dấu.',
  '.dòng bắt đầu bằng một dấu chấm',
  '..và dòng có hai dấu chấm',
  '.',
  'Hết.',
].join('\n');

describe('the SMTP client against a fake server', () => {
  it('sends a UTF-8 message with AUTH PLAIN, reading multi-line replies, dot-stuffing the data', async () => {
    const fake = await fakeSmtp({
      extensions: ['PIPELINING', '8BITMIME', 'AUTH PLAIN LOGIN', 'SIZE 10240000'],
      user: 'motcua',
      password: 'mật-khẩu',
    });
    await sendSmtp(base(fake.port, { user: 'motcua', password: 'mật-khẩu' }), {
      to: 'tuphap.thuly@dongthap.gov.vn',
      subject: SUBJECT,
      text: TEXT,
    });
    const [seen] = fake.sessions;
    expect(seen!.commands.map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual([
      'EHLO motcua.test',
      'AUTH PLAIN',
      'MAIL FROM:<motcua@dongthap.gov.vn>',
      'RCPT TO:<tuphap.thuly@dongthap.gov.vn>',
      'DATA',
      'QUIT',
    ]);
    expect(seen!.commands[2]).toBe('MAIL FROM:<motcua@dongthap.gov.vn> BODY=8BITMIME');

    const wire = seen!.wire[0]!;
    expect(wire).toContain('\r\n..dòng bắt đầu bằng một dấu chấm\r\n');
    expect(wire).toContain('\r\n...và dòng có hai dấu chấm\r\n');
    expect(wire).toContain('\r\n..\r\nHết.\r\n');
    const { headers, body } = parse(seen!.messages[0]!);
    expect(body).toBe(TEXT.replace(/\n/g, '\r\n') + '\r\n');
    expect(headers.get('content-transfer-encoding')).toBe('8bit');
    expect(headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(headers.get('to')).toBe('tuphap.thuly@dongthap.gov.vn');
    expect(decodeWords(headers.get('subject')!)).toBe(SUBJECT);
    expect(decodeWords(headers.get('from')!)).toBe(FROM);
    // Every encoded-word within 75 characters, every header line ASCII.
    const rawHeaders = seen!.messages[0]!.slice(0, seen!.messages[0]!.indexOf('\r\n\r\n'));
    for (const word of rawHeaders.match(/=\?[^?]+\?B\?[^?]*\?=/g) ?? [])
      expect(word.length).toBeLessThanOrEqual(75);
    expect(rawHeaders).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(headers.get('message-id')).toMatch(/^<[^@>]+@dongthap\.gov\.vn>$/);
  });

  it('falls back to AUTH LOGIN and base64 when the server has no PLAIN and no 8BITMIME', async () => {
    const fake = await fakeSmtp({ extensions: ['AUTH LOGIN'], user: 'u', password: 'p' });
    await sendSmtp(base(fake.port, { user: 'u', password: 'p' }), {
      to: 'a@example.vn',
      subject: 'Plain subject',
      text: TEXT,
    });
    const [seen] = fake.sessions;
    expect(seen!.commands.slice(1, 4)).toEqual([
      'AUTH LOGIN',
      Buffer.from('u').toString('base64'),
      Buffer.from('p').toString('base64'),
    ]);
    expect(seen!.commands[4]).toBe('MAIL FROM:<motcua@dongthap.gov.vn>');
    const { headers, body } = parse(seen!.messages[0]!);
    expect(headers.get('subject')).toBe('Plain subject');
    expect(headers.get('content-transfer-encoding')).toBe('base64');
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(
      TEXT.replace(/\n/g, '\r\n'),
    );
  });

  it('reports a refused recipient with its code and sends no data', async () => {
    const fake = await fakeSmtp({ extensions: ['8BITMIME'], rcptReply: '550 5.1.1 no such user' });
    const sent = sendSmtp(base(fake.port), { to: 'nobody@example.vn', subject: 'x', text: 'y' });
    await expect(sent).rejects.toBeInstanceOf(SmtpError);
    await expect(sent).rejects.toMatchObject({ code: 550 });
    expect(fake.sessions[0]!.commands).not.toContain('DATA');
  });

  it('refuses to go on in clear when STARTTLS is required but not offered', async () => {
    const fake = await fakeSmtp({ extensions: ['AUTH PLAIN'], user: 'u', password: 'p' });
    await expect(
      sendSmtp(base(fake.port, { startTls: true, user: 'u', password: 'p' }), {
        to: 'a@example.vn',
        subject: 'x',
        text: 'y',
      }),
    ).rejects.toThrow(/STARTTLS/);
    expect(fake.sessions[0]!.commands.some((c) => c.startsWith('AUTH'))).toBe(false);
  });

  it('refuses addresses that could inject headers or commands', async () => {
    const fake = await fakeSmtp({ extensions: [] });
    for (const to of ['a@example.vn\r\nBcc: b@example.vn', 'a@example.vn>', 'not an address']) {
      await expect(sendSmtp(base(fake.port), { to, subject: 'x', text: 'y' })).rejects.toThrow(/address/);
    }
    expect(fake.sessions).toHaveLength(0);
  });

  const opensslWorks = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!opensslWorks)('upgrades with STARTTLS, then authenticates inside TLS', async () => {
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
      const fake = await fakeSmtp({
        extensions: ['STARTTLS', '8BITMIME'],
        extensionsAfterTls: ['8BITMIME', 'AUTH PLAIN'],
        tls: { key, cert },
        user: 'u',
        password: 'p',
      });
      await sendSmtp(base(fake.port, { startTls: true, user: 'u', password: 'p', tls: { ca: cert } }), {
        to: 'a@example.vn',
        subject: SUBJECT,
        text: TEXT,
      });
      const [seen] = fake.sessions;
      expect(seen!.tls).toBe(true);
      expect(seen!.commands.map((c) => c.split(' ')[0])).toEqual([
        'EHLO',
        'STARTTLS',
        'EHLO',
        'AUTH',
        'MAIL',
        'RCPT',
        'DATA',
        'QUIT',
      ]);
      expect(decodeWords(parse(seen!.messages[0]!).headers.get('subject')!)).toBe(SUBJECT);

      // A certificate the client does not trust stops everything before credentials are sent.
      const untrusted = await fakeSmtp({
        extensions: ['STARTTLS'],
        extensionsAfterTls: ['AUTH PLAIN'],
        tls: { key, cert },
      });
      await expect(
        sendSmtp(base(untrusted.port, { startTls: true, user: 'u', password: 'p' }), {
          to: 'a@example.vn',
          subject: 'x',
          text: 'y',
        }),
      ).rejects.toThrow(/STARTTLS failed/);
      expect(untrusted.sessions[0]!.commands).toEqual(['EHLO motcua.test', 'STARTTLS']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('message pieces', () => {
  it('encodes headers in words of at most 75 characters without cutting a character', () => {
    const value = 'Đ'.repeat(100) + '😀'.repeat(30);
    const encoded = encodeHeaderValue(value);
    const words = encoded.split('\r\n ');
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      // Each word decodes on its own to whole characters.
      expect(Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(decodeWords(encoded)).toBe(value);
    expect(encodeHeaderValue('Plain ASCII')).toBe('Plain ASCII');
    expect(encodeHeaderValue('two\r\nlines')).toBe('two lines');
  });

  it('dot-stuffs every line that starts with a dot, the first one too', () => {
    expect(dotStuff('.a\r\nb\r\n..c\r\n.\r\n')).toBe('..a\r\nb\r\n...c\r\n..\r\n');
  });
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
