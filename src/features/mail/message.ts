/**
 * A plain-text email as SMTP carries it (RFC 5322 with MIME): UTF-8 headers as RFC 2047 encoded-words,
 * CRLF line ends, the body in 8bit when the server takes it (8BITMIME) and base64 otherwise, and the
 * dot-stuffing of the DATA phase (RFC 5321 §4.5.2).
 */
import { randomUUID } from 'node:crypto';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** A mailbox `addr@domain`: printable ASCII, no spaces, brackets or line breaks (no header injection). */
const ADDRESS = /^[!#-'*+\-/-9=?A-Z^-~]+(\.[!#-'*+\-/-9=?A-Z^-~]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;

export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

export interface Mailbox {
  name: string | null;
  address: string;
}

/** `addr@domain` or `Display Name <addr@domain>`; throws on anything else. */
export function parseMailbox(value: string): Mailbox {
  const named = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  const address = (named ? named[2]! : value).trim();
  const name = named?.[1] ? named[1].replace(/^"(.*)"$/, '$1') : null;
  if (!isMailAddress(address)) throw new RangeError(`not a mail address: ${JSON.stringify(value)}`);
  if (name !== null && /[\r\n]/.test(name)) throw new RangeError('a display name has no line breaks');
  return { name, address };
}

// Printable ASCII without the characters that would need quoting in a phrase or break an encoded-word.
const PLAIN_WORD = /^[\x20-\x7e]*$/;

/**
 * A header value as RFC 2047 encoded-words (`=?UTF-8?B?…?=`) when it is not plain ASCII, each word at most
 * 75 characters and cut between characters (never inside a UTF-8 sequence), folded onto continuation lines.
 */
export function encodeHeaderValue(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (PLAIN_WORD.test(clean) && clean.length <= 900 && !clean.includes('=?')) return clean;
  const words: string[] = [];
  // 45 bytes encode to 60 base64 characters: with "=?UTF-8?B?" and "?=" that is 72 ≤ 75.
  let chunk = '';
  let bytes = 0;
  for (const char of clean) {
    const size = Buffer.byteLength(char);
    if (bytes + size > 45) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk !== '' || words.length === 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

function formatMailbox(m: Mailbox): string {
  if (m.name === null) return m.address;
  const name = PLAIN_WORD.test(m.name) && !/[()<>@,;:\\".[\]]/.test(m.name) ? m.name : null;
  return `${name ?? encodeHeaderValue(m.name)} <${m.address}>`;
}

/** RFC 5322 date, e.g. `Tue, 03 Feb 2026 10:00:00 +0000`. */
function mailDate(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/**
 * The message as the DATA phase sends it, before dot-stuffing. `eightBit`: the server announced 8BITMIME,
 * so UTF-8 text goes as is (lines within 998 bytes); otherwise it is base64.
 */
export function buildMessage(
  from: Mailbox,
  message: MailMessage,
  options: { eightBit: boolean; date?: Date; messageId?: string },
): string {
  const body = toCrlf(message.text);
  const ascii = Buffer.byteLength(body) === body.length; // one byte per character: ASCII only
  const shortLines = body.split('\r\n').every((line) => Buffer.byteLength(line) <= 998);
  const encoding = ascii && shortLines ? '7bit' : options.eightBit && shortLines ? '8bit' : 'base64';
  const domain = from.address.split('@')[1]!;
  const headers = [
    `Date: ${mailDate(options.date ?? new Date())}`,
    `From: ${formatMailbox(from)}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeaderValue(message.subject)}`,
    `Message-ID: <${options.messageId ?? randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    `Content-Transfer-Encoding: ${encoding}`,
  ];
  const content =
    encoding === 'base64'
      ? (
          Buffer.from(body)
            .toString('base64')
            .match(/.{1,76}/g) ?? []
        ).join('\r\n')
      : body;
  return `${headers.join('\r\n')}\r\n\r\n${content}${content.endsWith('\r\n') ? '' : '\r\n'}`;
}

/** Doubles a dot that starts a line, so that no line of the content reads as the end of DATA. */
export function dotStuff(data: string): string {
  return data.replace(/(^|\r\n)\./g, '$1..');
}
