/**
 * The desk looks up a person by personal ID number to prefill an in-person dossier: from the citizen's
 * account, and from the latest earlier dossier of that person held by one of the caller's desks (the
 * agencies where the caller is a receiving officer: as resolving or as intake agency). Only what the
 * applicant form needs is returned (NĐ 13/2023 data minimisation: no dossier codes, procedures or dates
 * of birth), and every lookup is audited with what it found, whether or not anything was found.
 *
 * The audit entry names whom the lookup showed by the records it read (the account's user id, the earlier
 * dossier's id), never by the number typed: the audit log outlives the dossiers and is read by agency
 * administrators, and a 12-digit ID number is personal data (NĐ 13/2023) that a hash cannot protect (its
 * structure leaves about a million candidates per province, birth year and sex). A lookup that found nothing
 * showed nothing about anyone, so its entry keeps who looked and when, and no trace of the number.
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, users } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ApplicantMatch } from '../../contracts/dossiers.ts';

export type { ApplicantMatch } from '../../contracts/dossiers.ts';

export async function lookupApplicant(
  db: Db,
  principal: Principal,
  personalId: string,
  meta: { ip: string | null },
): Promise<{ matches: ApplicantMatch[] }> {
  // Only the desk takes dossiers in: other roles (and system administrators) have no reason to look.
  const desks = principal.grants
    .filter((g) => g.role === 'receiving_officer' && g.agencyId !== null)
    .map((g) => g.agencyId!);
  if (principal.kind !== 'staff' || desks.length === 0) throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        id: users.id,
        name: users.fullName,
        phone: users.phone,
        email: users.email,
        address: users.address,
      })
      .from(users)
      .where(and(eq(users.personalId, personalId), eq(users.kind, 'citizen')))
      .limit(1);
    const [earlier] = await tx
      .select({ id: dossiers.id, applicant: dossiers.applicant })
      .from(dossiers)
      .where(
        and(
          // The expression of dossiers_applicant_personal_id_idx.
          sql`(${dossiers.applicant} ->> 'personalId') = ${personalId}`,
          or(inArray(dossiers.agencyId, desks), inArray(dossiers.intakeAgencyId, desks)),
        ),
      )
      .orderBy(desc(dossiers.createdAt))
      .limit(1);
    const matches: ApplicantMatch[] = [];
    if (account) {
      const { name, phone, email, address } = account;
      matches.push({ source: 'account', name, phone, email, address });
    }
    if (earlier) {
      const a = earlier.applicant;
      matches.push({ source: 'dossier', name: a.name, phone: a.phone, email: a.email, address: a.address });
    }
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'applicant.lookup',
      // Whom it showed: the account if one matched, else the dossier, else nobody.
      entity: account ? 'user' : earlier ? 'dossier' : 'none',
      entityId: account?.id ?? earlier?.id ?? '-',
      // Under the caller's (first) desk, so that agency's administrator sees it in the agency's audit.
      agencyId: desks[0]!,
      data: {
        sources: matches.map((m) => m.source),
        accountId: account?.id ?? null,
        dossierId: earlier?.id ?? null,
        desks,
      },
      ip: meta.ip,
    });
    return { matches };
  });
}
