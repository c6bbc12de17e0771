import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

/**
 * Queues jobs in the caller's transaction (graphile-worker's `add_job`), so they exist exactly when the
 * change that asked for them commits. The worker installs the graphile_worker schema when it starts.
 */
export async function enqueueJobs(
  tx: Tx,
  name: string,
  payloads: Record<string, unknown>[],
  options: { maxAttempts?: number } = {},
): Promise<void> {
  if (payloads.length === 0) return;
  await tx.execute(sql`
    SELECT graphile_worker.add_job(${name}, p, max_attempts => ${options.maxAttempts ?? 25}::int)
    FROM json_array_elements(${JSON.stringify(payloads)}::json) AS p`);
}
