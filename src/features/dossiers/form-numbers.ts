/**
 * Numbers of issued forms 01 (receipt) and 02 (supplement request): each agency keeps a register per
 * year and form kind, numbered from 1. A form gets its number when it is first printed for the event it
 * documents and keeps it on every reprint, so the paper in the applicant's hands and the copy printed
 * again later agree.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { formNumberCounters, formNumbers } from '../../db/schema.ts';
import { vnDateOf } from '../../domain/dossier/index.ts';

export type NumberedForm = '01' | '02';

/** Number symbols (ký hiệu) after the number, as registers write them: TNHS receipt, YCBS supplement. */
const symbols: Record<NumberedForm, string> = { '01': 'TNHS', '02': 'YCBS' };

export interface FormNumber {
  /** The entry in the agency's register of the year, from 1. */
  number: number;
  year: number;
  /** "Số: 12/TNHS". */
  text: string;
  /** Quyển số: one book per year, "01/2026". */
  volume: string;
}

function present(form: NumberedForm, number: number, year: number): FormNumber {
  return { number, year, text: `${number}/${symbols[form]}`, volume: `01/${year}` };
}

/**
 * The number of `form` for the dossier's event `eventSeq`, issued by `agencyId` at `issuedAt` (its year
 * in Vietnam picks the register). Assigned on the first call, read back on the next ones.
 */
export async function formNumberFor(
  db: Db,
  input: { dossierId: string; form: NumberedForm; eventSeq: number; agencyId: number; issuedAt: number },
): Promise<FormNumber> {
  const key = and(
    eq(formNumbers.dossierId, input.dossierId),
    eq(formNumbers.form, input.form),
    eq(formNumbers.eventSeq, input.eventSeq),
  );
  const known = async (exec: Pick<Db, 'select'>) =>
    (
      await exec.select({ number: formNumbers.number, year: formNumbers.year }).from(formNumbers).where(key)
    )[0];
  // Reprints (the common case) read without a transaction or a lock.
  const found = await known(db);
  if (found) return present(input.form, found.number, found.year);
  const year = Number(vnDateOf(input.issuedAt).slice(0, 4));
  return db.transaction(async (tx) => {
    // Lock the register's counter row first (the upsert changes nothing): two first prints of the same
    // form then take turns, and the second, reading after the first committed, finds its number instead of
    // taking another, so the register has no gaps.
    await tx
      .insert(formNumberCounters)
      .values({ agencyId: input.agencyId, year, form: input.form, last: 0 })
      .onConflictDoUpdate({
        target: [formNumberCounters.agencyId, formNumberCounters.year, formNumberCounters.form],
        set: { last: sql`${formNumberCounters.last}` },
      });
    const raced = await known(tx);
    if (raced) return present(input.form, raced.number, raced.year);
    const [counter] = await tx
      .update(formNumberCounters)
      .set({ last: sql`${formNumberCounters.last} + 1` })
      .where(
        and(
          eq(formNumberCounters.agencyId, input.agencyId),
          eq(formNumberCounters.year, year),
          eq(formNumberCounters.form, input.form),
        ),
      )
      .returning({ last: formNumberCounters.last });
    const number = counter!.last;
    await tx.insert(formNumbers).values({
      dossierId: input.dossierId,
      form: input.form,
      eventSeq: input.eventSeq,
      agencyId: input.agencyId,
      year,
      number,
    });
    return present(input.form, number, year);
  });
}
