import type { Db } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { findVisibleStaff, presentStaff, type StaffView } from './staff-queries.ts';

export async function getStaff(db: Db, principal: Principal, userId: string): Promise<StaffView> {
  const { row } = await findVisibleStaff(db, principal, userId);
  const [view] = await presentStaff(db, principal, [row]);
  return view!;
}
