/**
 * Intake (tiếp nhận) on the three channels: a citizen or business files online (a draft, or submitted at
 * once), a desk officer enters a dossier brought in person or sent by post. The dossier names the
 * procedure version in force today, a case variant and the resolving agency, chosen by competence (one of
 * the procedure's implementing agencies), not by where it was filed.
 *
 * Read top to bottom, the folder is: `applicant.ts` (who files), `read.ts` (one shared read), `guesses.ts`
 * (what a server remembers of earlier reads), `prepare.ts` (deciding the dossier), `write.ts` (one shared,
 * durable write with the codes) and this file, which strings them together.
 */
import type { Db, Tx } from '../../../db/client.ts';
import { txRunner, type SqlRunner } from '../../../db/statements.ts';
import { isDatabaseUnavailable } from '../../../db/resource-errors.ts';
import type { StatementBatcher } from '../../../db/statement-batcher.ts';
import type { Principal } from '../../../domain/access/policy.ts';
import { AppError } from '../../../domain/errors.ts';
import type { DossierView } from '../get-dossier.ts';
import { IntakeGuesses } from './guesses.ts';
import { prepareIntake, intakeView, type CreateDossierInput } from './prepare.ts';
import { intakeReadBatcher, readForIntake, type IntakeQuery, type IntakeRead } from './read.ts';
import {
  intakeParams,
  intakeWriteBatcher,
  writeIntakes,
  type IntakeOutcome,
  type IntakeWrite,
} from './write.ts';

/** Intake inside the caller's transaction (with an idempotency key, the demo data, tests). */
export async function createDossierTx(
  tx: Tx,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<{ id: string; code: string | null }> {
  const runner = txRunner(tx);
  const read = async (query: IntakeQuery) => (await readForIntake(runner, [query]))[0];
  const { write } = await prepareIntake(read, runner, tx, principal, input, now, meta);
  const codes = await writeIntakes(runner, [write]);
  const { id } = write.row;
  return { id, code: codes.get(id) ?? null };
}

/**
 * Intake without an idempotency key, the common case: the reads and then the writes each in the next
 * shared statement on the pool (the writes' own transaction), the answer built from what was decided
 * instead of read back.
 */
export interface IntakePipeline {
  runner: SqlRunner;
  reads: StatementBatcher<IntakeQuery, IntakeRead | undefined>;
  writes: StatementBatcher<IntakeWrite, IntakeOutcome>;
  guesses: IntakeGuesses;
}

export function intakePipeline(runner: SqlRunner): IntakePipeline {
  return {
    runner,
    reads: intakeReadBatcher(runner),
    writes: intakeWriteBatcher(runner),
    guesses: new IntakeGuesses(),
  };
}

export async function takeIn(
  db: Db,
  pipeline: IntakePipeline,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<DossierView> {
  const { guesses } = pipeline;
  // At most three tries: from guesses, from a fresh read, and once more if the facts changed in between.
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = async (query: IntakeQuery) => {
      const guessed = attempt === 0 ? guesses.guess(query) : undefined;
      if (guessed) return guessed;
      const found = await pipeline.reads.submit(query);
      if (found) guesses.learn(query, found);
      return found;
    };
    const prepared = await prepareIntake(read, pipeline.runner, db, principal, input, now, meta);
    intakeParams(prepared.write);
    const outcome = await pipeline.writes.submit(prepared.write).catch((err: unknown) => {
      throw isDatabaseUnavailable(err) ? new AppError('COMMIT_OUTCOME_UNKNOWN', { cause: err }) : err;
    });
    if (outcome.written) return intakeView(prepared, outcome.code, principal, now);
  }
  throw new AppError('VERSION_CONFLICT', {
    vi: 'Danh mục thủ tục vừa thay đổi trong lúc tiếp nhận; vui lòng gửi lại hồ sơ.',
    en: 'The catalog changed during intake; please submit the dossier again.',
  });
}
