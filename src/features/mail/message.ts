/**
 * A plain-text email and the address checks done before anything is handed to the mail relay; encoding it
 * (MIME, RFC 2047) is nodemailer's business.
 */

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
