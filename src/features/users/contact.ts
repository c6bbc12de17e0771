import { and, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { isValidEmail, normalisePhone } from '../../domain/identifiers.ts';

/** Validates contact details and returns them normalised (phone as 0xxxxxxxxx). */
export function checkContact(input: {
  email?: string | null | undefined;
  phone?: string | null | undefined;
}): {
  email: string | null;
  phone: string | null;
} {
  if (input.email && !isValidEmail(input.email)) throw new AppError('INVALID_EMAIL', { field: 'email' });
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.phone && !phone) throw new AppError('INVALID_PHONE', { field: 'phone' });
  return { email: input.email || null, phone: phone ?? null };
}

/** An email address identifies one account (password reset mails go to it), whatever its case. */
export async function assertEmailFree(tx: Tx, email: string | null, exceptUserId?: string): Promise<void> {
  if (!email) return;
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`lower(${users.email}) = lower(${email})`,
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw new AppError('EMAIL_TAKEN', { field: 'email' });
}

/** The contact details after a partial update (undefined keeps the current value), checked and free to use. */
export async function updatedContact(
  tx: Tx,
  current: { id: string; email: string | null; phone: string | null },
  input: { email?: string | null | undefined; phone?: string | null | undefined },
): Promise<{ email: string | null; phone: string | null }> {
  const contact = checkContact({
    email: input.email === undefined ? current.email : input.email,
    phone: input.phone === undefined ? current.phone : input.phone,
  });
  await assertEmailFree(tx, contact.email, current.id);
  return contact;
}
