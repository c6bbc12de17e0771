import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, t=2, p=1): about 20 ms here, cheap enough for the login
// rate we allow and expensive enough to make offline guessing slow.
// `Algorithm` is an ambient const enum that verbatimModuleSyntax cannot import: 2 is Argon2id.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the account does not exist keeps response times alike,
// so timing does not reveal which login names exist.
let decoy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  decoy ??= hashPassword('motcua-decoy-password');
  await verifyPassword(await decoy, password);
}
