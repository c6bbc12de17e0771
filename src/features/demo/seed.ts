import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agencies, roleAssignments, units, users } from '../../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { seedDemoCatalog } from './catalog-data.ts';
import {
  demoAgencies,
  demoCitizens,
  demoName,
  demoStaffPhone,
  perAgencyRoles,
  roleSuffix,
} from './demo-data.ts';

export interface SeedResult {
  seeded: boolean;
  password?: string;
  accounts?: { username: string; fullName: string; role: string; agency: string | null }[];
}

/**
 * Loads the demo province when the database holds no agency yet; otherwise leaves it alone.
 * One password for every demo account, random unless DEMO_PASSWORD fixes it (tests, CI).
 */
export async function seedDemo(db: Db, options: { password?: string | undefined } = {}): Promise<SeedResult> {
  const password = options.password || randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Two processes seeding at once must not both see an empty database.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7140012)`);
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(agencies);
    if ((existing?.n ?? 0) > 0) return { seeded: false };

    const ids = new Map<string, { id: number; path: string; code: string }>();
    for (const a of demoAgencies) {
      const parent = a.parent ? ids.get(a.parent)! : undefined;
      const [row] = await tx
        .insert(agencies)
        .values({
          code: a.code,
          name: a.name,
          shortName: a.shortName,
          level: a.level,
          parentId: parent?.id ?? null,
          path: '/',
          address: a.address,
          phone: a.phone,
          isOneStopDesk: a.isOneStopDesk,
        })
        .returning({ id: agencies.id });
      const path = `${parent?.path ?? '/'}${row!.id}/`;
      await tx.execute(sql`UPDATE agencies SET path = ${path} WHERE id = ${row!.id}`);
      ids.set(a.key, { id: row!.id, path, code: a.code });
      if (a.units.length) await tx.insert(units).values(a.units.map((name) => ({ agencyId: row!.id, name })));
    }

    const accounts: NonNullable<SeedResult['accounts']> = [];
    // Staff names start further down the list so none repeats a demo citizen's name.
    let n = 5;
    const addStaff = async (
      username: string,
      role: (typeof perAgencyRoles)[number] | 'supervisor' | 'system_admin',
      agencyKey: string | null,
    ) => {
      const phone = demoStaffPhone(n);
      const fullName = demoName(n++);
      const [user] = await tx
        .insert(users)
        .values({
          kind: 'staff',
          username,
          fullName,
          email: `${username}@dongthap.gov.vn`,
          phone,
          passwordHash,
        })
        .returning({ id: users.id });
      const agency = agencyKey ? ids.get(agencyKey)! : null;
      await tx.insert(roleAssignments).values({ userId: user!.id, role, agencyId: agency?.id ?? null });
      accounts.push({ username, fullName, role, agency: agency?.code ?? null });
    };

    await addStaff(roleSuffix.system_admin, 'system_admin', null);
    await addStaff(`tinh.${roleSuffix.supervisor}`, 'supervisor', 'tinh');
    for (const a of demoAgencies) {
      if (a.key === 'tinh') continue;
      for (const role of perAgencyRoles) await addStaff(`${a.key}.${roleSuffix[role]}`, role, a.key);
    }
    for (const c of demoCitizens) {
      await tx.insert(users).values({ kind: 'citizen', username: c.personalId, ...c, passwordHash });
      accounts.push({ username: c.personalId, fullName: c.fullName, role: 'citizen', agency: null });
    }
    await seedDemoCatalog(tx);
    return { seeded: true, password, accounts };
  });
}
