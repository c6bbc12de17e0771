import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { userIdentities, users } from '../../db/schema.ts';
import { burnVerification, verifyPassword } from './passwords.ts';

/**
 * How a person proves who they are. Features only ever see the resulting user id, so VNeID or
 * any OIDC provider can be added as another implementation (mapping its subject through
 * user_identities) without touching them.
 */
export interface IdentityProvider<Credentials> {
  readonly id: string;
  authenticate(db: Executor, credentials: Credentials): Promise<{ userId: string } | undefined>;
}

export interface PasswordCredentials {
  username: string;
  password: string;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const localPasswordProvider: IdentityProvider<PasswordCredentials> = {
  id: 'local',
  async authenticate(db, { username, password }) {
    const [user] = await db
      .select({ id: users.id, passwordHash: users.passwordHash, disabled: users.disabled })
      .from(users)
      .where(eq(users.username, normaliseUsername(username)))
      .limit(1);
    if (!user?.passwordHash || user.disabled) {
      await burnVerification(password);
      return undefined;
    }
    return (await verifyPassword(user.passwordHash, password)) ? { userId: user.id } : undefined;
  },
};

/** For external providers: the local user already linked to an external subject, if any. */
export async function findLinkedUser(
  db: Executor,
  provider: string,
  subject: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)))
    .limit(1);
  return row?.userId;
}
