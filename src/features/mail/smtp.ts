/**
 * A minimal SMTP client (RFC 5321) over node:net / node:tls, one connection per message: greeting, EHLO,
 * STARTTLS when asked (then EHLO again), AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO, DATA, QUIT. Enough to
 * hand alerts to the office's mail relay; retries are the job queue's business.
 */
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import { buildMessage, dotStuff, isMailAddress, parseMailbox, type MailMessage } from './message.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465, "SMTPS"). */
  secure?: boolean;
  /** Upgrade with STARTTLS before anything else; a server that does not offer it is refused. */
  startTls: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** The sender, `address` or `Name <address>`. */
  from: string;
  /** The name this client gives in EHLO (default: the host name, when it is a valid domain). */
  clientName?: string;
  /** For each reply (default 30 s). */
  timeoutMs?: number;
  /** Further TLS options, e.g. a private CA. */
  tls?: tls.ConnectionOptions;
}

export class SmtpError extends Error {
  /** The server's reply code, or null when the failure was not a reply (connection, protocol). */
  readonly code: number | null;
  constructor(message: string, code: number | null = null) {
    super(message);
    this.name = 'SmtpError';
    this.code = code;
  }
}

interface Reply {
  code: number;
  lines: string[];
}

const MAX_REPLY_BYTES = 64 * 1024;

/** Reads replies off a socket: lines `NNN-text` continue a reply, `NNN text` (or `NNN`) ends it. */
class ReplyReader {
  private socket: net.Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private lines: string[] = [];
  private readonly ready: Reply[] = [];
  private waiter: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  private readonly onData = (chunk: Buffer) => this.push(chunk);
  private readonly onError = (err: Error) => this.fail(new SmtpError(`connection failed: ${err.message}`));
  private readonly onClose = () => this.fail(new SmtpError('the server closed the connection'));
  private readonly onTimeout = () => {
    this.fail(new SmtpError('the server did not answer in time'));
    this.socket?.destroy();
  };

  attach(socket: net.Socket, timeoutMs: number): void {
    this.socket = socket;
    socket.setTimeout(timeoutMs);
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
  }

  detach(): void {
    const socket = this.socket;
    if (!socket) return;
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
    socket.off('timeout', this.onTimeout);
    socket.setTimeout(0);
    this.socket = undefined;
  }

  next(): Promise<Reply> {
    const reply = this.ready.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let end: number;
    while ((end = this.buffer.indexOf(0x0a)) >= 0) {
      const line = this.buffer.subarray(0, end).toString('utf8').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(end + 1);
      const m = /^([2-5]\d\d)([ -]|$)(.*)$/.exec(line);
      if (!m) {
        this.fail(new SmtpError(`not an SMTP reply: ${JSON.stringify(line.slice(0, 100))}`));
        return;
      }
      this.lines.push(m[3]!);
      if (m[2] !== '-') {
        this.deliver({ code: Number(m[1]), lines: this.lines });
        this.lines = [];
      }
    }
    if (this.buffer.length > MAX_REPLY_BYTES) this.fail(new SmtpError('reply too long'));
  }

  private deliver(reply: Reply): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(reply);
    else this.ready.push(reply);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.failure);
  }
}

function connect(options: SmtpOptions): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const timeout = options.timeoutMs ?? 30_000;
    const onError = (err: Error) =>
      reject(new SmtpError(`cannot connect to ${options.host}: ${err.message}`));
    const socket = options.secure
      ? tls.connect({
          host: options.host,
          port: options.port,
          ...(net.isIP(options.host) === 0 ? { servername: options.host } : {}),
          ...options.tls,
        })
      : net.connect({ host: options.host, port: options.port });
    const onTimeout = () => socket.destroy(new Error('timed out'));
    socket.setTimeout(timeout, onTimeout);
    // Errors after this are reported by the reply reader; this keeps a late one from crashing the process.
    socket.on('error', () => undefined);
    socket.once('error', onError);
    socket.once(options.secure ? 'secureConnect' : 'connect', () => {
      socket.off('error', onError);
      socket.off('timeout', onTimeout);
      socket.setTimeout(0);
      resolve(socket);
    });
  });
}

function upgrade(socket: net.Socket, options: SmtpOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = tls.connect({
      socket,
      // The certificate is checked against this name (without it, node checks "localhost").
      host: options.host,
      ...(net.isIP(options.host) === 0 ? { servername: options.host } : {}),
      ...options.tls,
    });
    const timer = setTimeout(() => {
      secured.destroy();
      reject(new SmtpError('STARTTLS failed: the handshake did not finish in time'));
    }, options.timeoutMs ?? 30_000);
    const onError = (err: Error) => {
      clearTimeout(timer);
      reject(new SmtpError(`STARTTLS failed: ${err.message}`));
    };
    secured.on('error', () => undefined);
    secured.once('error', onError);
    secured.once('secureConnect', () => {
      clearTimeout(timer);
      secured.off('error', onError);
      resolve(secured);
    });
  });
}

function defaultClientName(): string {
  const name = os.hostname();
  return /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(name) ? name : 'localhost';
}

/** EHLO keywords (upper case) and their parameters; the first line is the server's greeting. */
function extensions(reply: Reply): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of reply.lines.slice(1)) {
    const [keyword, ...params] = line.trim().split(/[\s=]+/);
    if (keyword)
      map.set(
        keyword.toUpperCase(),
        params.map((p) => p.toUpperCase()),
      );
  }
  return map;
}

/** Sends one message; resolves when the server has accepted it (250 after DATA). */
export async function sendSmtp(options: SmtpOptions, message: MailMessage): Promise<void> {
  const from = parseMailbox(options.from);
  if (!isMailAddress(message.to)) throw new SmtpError(`not a mail address: ${JSON.stringify(message.to)}`);
  const timeout = options.timeoutMs ?? 30_000;
  let socket: net.Socket = await connect(options);
  const replies = new ReplyReader();
  replies.attach(socket, timeout);

  const expect = async (what: string, codes: number[]): Promise<Reply> => {
    const reply = await replies.next();
    if (!codes.includes(reply.code))
      throw new SmtpError(`${what}: ${reply.code} ${reply.lines.join(' ').slice(0, 300)}`, reply.code);
    return reply;
  };
  const command = (line: string, codes: number[], shown = line): Promise<Reply> => {
    socket.write(`${line}\r\n`);
    return expect(shown, codes);
  };

  try {
    await expect('greeting', [220]);
    const clientName = options.clientName ?? defaultClientName();
    let ext = extensions(await command(`EHLO ${clientName}`, [250]));
    if (options.startTls && !options.secure) {
      if (!ext.has('STARTTLS')) throw new SmtpError('the server does not offer STARTTLS');
      await command('STARTTLS', [220]);
      replies.detach();
      socket = await upgrade(socket, options);
      replies.attach(socket, timeout);
      ext = extensions(await command(`EHLO ${clientName}`, [250]));
    }
    if (options.user !== undefined) {
      const user = options.user;
      const password = options.password ?? '';
      const mechanisms = ext.get('AUTH') ?? [];
      const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
      if (mechanisms.includes('PLAIN')) {
        await command(`AUTH PLAIN ${b64(`\0${user}\0${password}`)}`, [235], 'AUTH PLAIN');
      } else if (mechanisms.includes('LOGIN')) {
        await command('AUTH LOGIN', [334]);
        await command(b64(user), [334], 'AUTH LOGIN user');
        await command(b64(password), [235], 'AUTH LOGIN password');
      } else {
        throw new SmtpError('the server offers neither AUTH PLAIN nor AUTH LOGIN');
      }
    }
    const eightBit = ext.has('8BITMIME');
    await command(`MAIL FROM:<${from.address}>${eightBit ? ' BODY=8BITMIME' : ''}`, [250]);
    await command(`RCPT TO:<${message.to}>`, [250, 251]);
    await command('DATA', [354]);
    socket.write(`${dotStuff(buildMessage(from, message, { eightBit }))}.\r\n`);
    await expect('end of data', [250]);
    await command('QUIT', [221]).catch(() => undefined);
  } finally {
    replies.detach();
    socket.destroy();
  }
}
