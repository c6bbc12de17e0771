import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { isValidPersonalId, isValidTaxCode } from '../../domain/identifiers.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkContact } from '../users/contact.ts';
import { checkPassword } from '../users/password-policy.ts';
import { hashPassword } from './passwords.ts';

export interface RegisterInput {
  kind: 'citizen' | 'business';
  personalId?: string | undefined;
  taxCode?: string | undefined;
  organizationName?: string | undefined;
  fullName: string;
  phone: string;
  email?: string | undefined;
  address?: string | undefined;
  password: string;
}

/**
 * A citizen logs in with the personal ID number, a business with its tax code: the identifiers
 * the national portal uses, so accounts can later be linked to VNeID without renaming anyone.
 */
export async function register(
  db: Db,
  input: RegisterInput,
  meta: { ip: string | null },
): Promise<{ userId: string }> {
  let username: string;
  if (input.kind === 'citizen') {
    if (!input.personalId) throw new AppError('REQUIRED_FIELD', { field: 'personalId' });
    if (!isValidPersonalId(input.personalId))
      throw new AppError('INVALID_PERSONAL_ID', { field: 'personalId' });
    username = input.personalId;
  } else {
    if (!input.taxCode) throw new AppError('REQUIRED_FIELD', { field: 'taxCode' });
    if (!isValidTaxCode(input.taxCode)) throw new AppError('INVALID_TAX_CODE', { field: 'taxCode' });
    if (!input.organizationName) throw new AppError('REQUIRED_FIELD', { field: 'organizationName' });
    if (input.personalId && !isValidPersonalId(input.personalId)) {
      throw new AppError('INVALID_PERSONAL_ID', { field: 'personalId' });
    }
    username = input.taxCode;
  }
  const contact = checkContact(input);
  if (!contact.phone) throw new AppError('REQUIRED_FIELD', { field: 'phone' });
  checkPassword(input.password, [username, input.personalId, input.taxCode, contact.phone, contact.email]);
  const passwordHash = await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const clashes = await tx
      .select({ username: users.username, personalId: users.personalId, email: users.email })
      .from(users)
      .where(
        or(
          eq(users.username, username),
          input.personalId ? eq(users.personalId, input.personalId) : undefined,
          contact.email ? sql`lower(${users.email}) = lower(${contact.email})` : undefined,
        ),
      );
    // One answer whichever value is taken, naming no field: the password-reset form tells nothing about
    // which names and addresses have accounts, and this form must not either. That some account holds one
    // of them cannot be hidden without confirming the email or phone before the account is used.
    if (clashes.length > 0) throw new AppError('ACCOUNT_EXISTS');
    const [user] = await tx
      .insert(users)
      .values({
        kind: input.kind,
        username,
        fullName: input.fullName,
        personalId: input.personalId ?? null,
        taxCode: input.kind === 'business' ? input.taxCode! : null,
        organizationName: input.kind === 'business' ? input.organizationName! : null,
        address: input.address ?? null,
        ...contact,
        passwordHash,
      })
      .returning({ id: users.id });
    await recordAudit(tx, {
      actorId: user!.id,
      action: 'auth.register',
      entity: 'user',
      entityId: user!.id,
      data: { kind: input.kind },
      ip: meta.ip,
    });
    return { userId: user!.id };
  });
}
