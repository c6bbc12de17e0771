import type { Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  agencyId?: number | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** Takes a transaction on purpose: an audit row is written with the change it records, or not at all. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    agencyId: entry.agencyId ?? null,
    data: entry.data ?? null,
    ip: entry.ip ?? null,
  });
}
