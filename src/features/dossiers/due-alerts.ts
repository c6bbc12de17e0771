/**
 * Near-due and overdue alerts for officers (background job). An open dossier whose clock is running and
 * which has at most one working day left, or is past its due time, earns an in-app notification for the
 * officer responsible (the assignee, else the resolving agency's approvers) and for the desk (the intake
 * agency's receiving officers, else the resolving agency's). The dedupe key names the Vietnam date, so a
 * scan every few minutes reminds each officer once a day per dossier.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { roleAssignments, users } from '../../db/schema.ts';
import type { StaffRole } from '../../domain/access/roles.ts';
import { WORKING_DAY_MINUTES, WORKING_DAY_MS, formatVnIso } from '../../domain/calendar/index.ts';
import { dossierStanding, vnDateOf, type DossierStatus } from '../../domain/dossier/index.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { notifyNew, type NotificationInput } from './notify.ts';
import {
  allAgencies,
  byOfficeHours,
  dossierPages,
  pairsWithDossiers,
  type ScannedDossier,
} from './open-dossier-scan.ts';

/** Statuses whose clock runs (a withdrawal request keeps a pause open: such a dossier is skipped). */
export const ALERT_STATUSES = [
  'received',
  'processing',
  'withdrawal_requested',
] as const satisfies readonly DossierStatus[];

/** "Near due": at most this many working minutes left (one working day). */
export const NEAR_DUE_MINUTES = WORKING_DAY_MINUTES;

export type AlertKind = 'near_due' | 'overdue';

export interface Recipient {
  userId: string;
  email: string | null;
}

export interface CreatedAlert {
  notificationId: number;
  userId: string;
  email: string | null;
  kind: AlertKind;
  dossierId: string;
}

export interface DueAlertOptions {
  pageSize?: number;
  /** Runs in each page's transaction with the notifications it created (the job queues emails here). */
  onCreated?: (tx: Tx, created: CreatedAlert[]) => Promise<void>;
}

export interface DueAlertSummary {
  /** Dossiers read from the index range. */
  candidates: number;
  nearDue: number;
  overdue: number;
  /** Notifications created (repeats of the day are not counted). */
  notifications: number;
}

/** dd/mm/yyyy HH:mm in Vietnam time. */
export function formatVnDateTime(instant: number): string {
  const iso = formatVnIso(instant);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

export function alertTitles(
  kind: AlertKind,
  code: string,
  dueAt: number,
): { title: string; titleEn: string } {
  const due = formatVnDateTime(dueAt);
  return kind === 'near_due'
    ? {
        title: `Hồ sơ ${code} sắp đến hạn trả kết quả (hẹn trả ${due})`,
        titleEn: `Dossier ${code} is due soon (due ${due})`,
      }
    : {
        title: `Hồ sơ ${code} đã quá hạn trả kết quả (hẹn trả ${due})`,
        titleEn: `Dossier ${code} is overdue (due ${due})`,
      };
}

/** Active officers by role and agency, read once per run. */
class Officers {
  private readonly byRole = new Map<string, Recipient[]>();
  private readonly people = new Map<string, Recipient | null>();

  constructor(private readonly db: Db) {}

  async load(role: StaffRole, agencyIds: number[], userIds: string[]): Promise<void> {
    const missing = [...new Set(agencyIds)].filter((id) => !this.byRole.has(`${role}:${id}`));
    if (missing.length > 0) {
      const rows = await this.db
        .select({ agencyId: roleAssignments.agencyId, userId: users.id, email: users.email })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            eq(roleAssignments.role, role),
            inArray(roleAssignments.agencyId, missing),
            eq(users.disabled, false),
          ),
        );
      for (const id of missing) this.byRole.set(`${role}:${id}`, []);
      for (const r of rows)
        this.byRole.get(`${role}:${r.agencyId}`)!.push({ userId: r.userId, email: r.email });
    }
    const unknown = [...new Set(userIds)].filter((id) => !this.people.has(id));
    if (unknown.length > 0) {
      const rows = await this.db
        .select({ userId: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.id, unknown), eq(users.disabled, false)));
      for (const id of unknown) this.people.set(id, null);
      for (const r of rows) this.people.set(r.userId, r);
    }
  }

  of(role: StaffRole, agencyId: number): Recipient[] {
    return this.byRole.get(`${role}:${agencyId}`) ?? [];
  }

  person(userId: string): Recipient | null {
    return this.people.get(userId) ?? null;
  }
}

/** Who hears of the dossier: the responsible officer and the desk, each person once. */
function recipientsOf(row: ScannedDossier, officers: Officers): Recipient[] {
  const assignee = row.assigneeId === null ? null : officers.person(row.assigneeId);
  const responsible = assignee ? [assignee] : officers.of('approver', row.agencyId);
  const desk = officers.of('receiving_officer', row.intakeAgencyId ?? row.agencyId);
  const seen = new Map<string, Recipient>();
  for (const r of [...responsible, ...desk]) if (!seen.has(r.userId)) seen.set(r.userId, r);
  return [...seen.values()];
}

export async function sendDueAlerts(
  db: Db,
  now: Date,
  options: DueAlertOptions = {},
): Promise<DueAlertSummary> {
  const pageSize = options.pageSize ?? 500;
  const at = now.getTime();
  const day = vnDateOf(at);
  const summary: DueAlertSummary = { candidates: 0, nearDue: 0, overdue: 0, notifications: 0 };
  const officers = new Officers(db);

  for (const group of byOfficeHours(await allAgencies(db))) {
    const calendar = await calendarFor(db, group[0]!.officeHours);
    // Nobody is at the office on a day off: the alert comes on the next working day.
    if (!calendar.isWorkingDay(day)) continue;
    // Index range: due no later than one working day from now, or the first opening after that (every
    // dossier due by then has at most 480 working minutes left, and no other has). The standing below
    // is the authority; this only keeps the scan to the dossiers that can qualify.
    const dueBy = new Date(calendar.nextOpening(calendar.addWorkingMs(at, WORKING_DAY_MS)));
    const pairs = await pairsWithDossiers(
      db,
      group.map((a) => a.id),
      ALERT_STATUSES,
      dueBy,
    );
    for (const { agencyId, status } of pairs) {
      for await (const page of dossierPages(db, agencyId, status, dueBy, pageSize)) {
        summary.candidates += page.length;
        const alerts: { row: ScannedDossier; kind: AlertKind; dueAt: number }[] = [];
        for (const row of page) {
          const standing = dossierStanding(row.state, at, calendar);
          if (standing.kind !== 'open' || standing.paused) continue;
          if (standing.standing === 'overdue') alerts.push({ row, kind: 'overdue', dueAt: standing.dueAt });
          else if (standing.remainingWorkingMinutes <= NEAR_DUE_MINUTES)
            alerts.push({ row, kind: 'near_due', dueAt: standing.dueAt });
        }
        if (alerts.length === 0) continue;
        // Approvers of every agency concerned: they also stand in for an assignee who has left.
        await officers.load(
          'approver',
          alerts.map((a) => a.row.agencyId),
          alerts.flatMap((a) => a.row.assigneeId ?? []),
        );
        await officers.load(
          'receiving_officer',
          alerts.map((a) => a.row.intakeAgencyId ?? a.row.agencyId),
          [],
        );

        const items: NotificationInput[] = [];
        const emails = new Map<string, string | null>();
        for (const { row, kind, dueAt } of alerts) {
          if (kind === 'overdue') summary.overdue++;
          else summary.nearDue++;
          const titles = alertTitles(kind, row.code ?? row.state.code ?? '', dueAt);
          for (const r of recipientsOf(row, officers)) {
            emails.set(r.userId, r.email);
            items.push({
              userId: r.userId,
              dossierId: row.id,
              kind: `dossier.${kind}`,
              dedupeKey: `${kind}:${row.id}:${day}`,
              ...titles,
            });
          }
        }
        await db.transaction(async (tx) => {
          const created = await notifyNew(tx, items);
          summary.notifications += created.length;
          if (options.onCreated && created.length > 0) {
            await options.onCreated(
              tx,
              created.map((c) => {
                const [kind, dossierId] = c.dedupeKey.split(':') as [AlertKind, string];
                return {
                  notificationId: c.id,
                  userId: c.userId,
                  email: emails.get(c.userId) ?? null,
                  kind,
                  dossierId,
                };
              }),
            );
          }
        });
      }
    }
  }
  return summary;
}
