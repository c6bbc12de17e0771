/**
 * Demo dossiers for a freshly seeded demo province (`npm start` / `npm run seed` on an empty database), so
 * the inbox, the dashboard, the period report, the QĐ 766 index and public tracking have something to show:
 *
 * - about fifty live dossiers, filed and moved through their life cycle by the real use cases
 *   (`createDossierTx`, `actOnDossierTx`) as the demo staff and citizens, each action at an instant in the
 *   past (the use cases take `now`), so codes, appointments, pauses, near-due and overdue dossiers are what
 *   the system itself would have produced;
 * - two years of finished dossiers through the history importer (as a migration from an older system would
 *   bring them), so reports and trends have figures.
 *
 * Not part of `seedDemo`: the test template is seeded without dossiers. It does nothing when the database
 * already holds a dossier or an imported history row (`seeded: false`), so running it twice never duplicates.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { dossiers } from '../../db/schema.ts';
import type { Principal, RoleGrant } from '../../domain/access/policy.ts';
import type { UserKind } from '../../domain/access/roles.ts';
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import type { Channel, DossierStatus, QuickRating } from '../../domain/dossier/index.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { actOnDossierTx, type ActionRequest } from '../dossiers/act-on-dossier.ts';
import type { ApplicantInput } from '../dossiers/intake/applicant.ts';
import { createDossierTx } from '../dossiers/intake/take-in.ts';
import { importHistory } from '../statistics/import-history.ts';
import { demoAgencies, demoCitizens, demoName } from './demo-data.ts';

const DEMO_DOSSIERS_LOCK = 7_140_015;
const DAY = 480; // working minutes in a working day
const meta = { ip: null };

type AgencyKey = 'ttpvhcc' | 'vhttdl' | 'noivu' | 'tuphap' | 'xaydung' | 'caolanh' | 'sadec' | 'thapmuoi';

/** Where a live demo dossier ends up. */
export type DemoTarget =
  | 'submitted'
  | 'supplement_requested_at_intake'
  | 'refused'
  | 'withdrawn_before_receipt'
  | 'withdrawn'
  | 'received'
  | 'processing'
  | 'supplement_requested'
  | 'financial_obligation'
  | 'resolved'
  | 'returned';

export interface DemoDossierPlan {
  /** The resolving agency. */
  agency: AgencyKey;
  /** The desk that takes it in, when not the resolving agency's own (the provincial service centre). */
  desk?: AgencyKey;
  procedure: string;
  caseIndex?: number;
  channel: Channel;
  /** A demo citizen (index into demoCitizens), or a generated applicant. */
  citizen?: 0 | 1;
  /** Working days before now when it came in. */
  ago: number;
  target: DemoTarget;
  /** Processing only: how far inside the agency it got. */
  stage?: 'unassigned' | 'assigned' | 'handled' | 'approved';
  /** Finished dossiers: working days after the appointment the result was issued (late). */
  lateBy?: number;
  rating?: QuickRating;
  /** Sent to the commune for its opinion (joint processing), answer pending. */
  cooperate?: boolean;
  /** An apology letter (form 04) with a new appointment. */
  apology?: boolean;
  /** A supplement was requested during appraisal and brought in. */
  supplied?: boolean;
}

/** The live demo dossiers. Counts per status are what the integration test expects. */
// prettier-ignore
export const demoDossierPlans: DemoDossierPlan[] = [
  // Waiting to be received (online, submitted)
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'online', citizen: 0, ago: 0.3, target: 'submitted' },
  { agency: 'thapmuoi', procedure: '1.001193', channel: 'online', citizen: 1, ago: 0.2, target: 'submitted' },
  { agency: 'xaydung', procedure: '1.009974', channel: 'online', citizen: 0, ago: 0.5, target: 'submitted' },
  { agency: 'thapmuoi', procedure: '1.004746', channel: 'online', citizen: 1, ago: 0.1, target: 'submitted' },
  // Supplement requested at intake
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 1, channel: 'online', citizen: 1, ago: 1.5, target: 'supplement_requested_at_intake' },
  { agency: 'caolanh', procedure: '1.009994', channel: 'in_person', ago: 0.8, target: 'supplement_requested_at_intake' },
  // Refused at intake
  { agency: 'xaydung', procedure: '1.010008', channel: 'in_person', ago: 6, target: 'refused' },
  { agency: 'caolanh', procedure: '2.001035', channel: 'online', citizen: 0, ago: 9, target: 'refused' },
  // Withdrawn
  { agency: 'thapmuoi', procedure: '1.004859', channel: 'online', citizen: 1, ago: 4, target: 'withdrawn_before_receipt' },
  { agency: 'vhttdl', procedure: '1.003622', channel: 'postal', ago: 5, target: 'withdrawn' },
  // Received, not yet forwarded
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'in_person', ago: 0.05, target: 'received' },
  { agency: 'xaydung', procedure: '1.009989', channel: 'postal', ago: 0.1, target: 'received' },
  { agency: 'caolanh', procedure: '2.000794', channel: 'in_person', ago: 0.15, target: 'received' },
  // In processing
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'in_person', ago: 1, target: 'processing', stage: 'unassigned' },
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'online', citizen: 0, ago: 3, target: 'processing', stage: 'assigned' },
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 1, channel: 'postal', ago: 6, target: 'processing', stage: 'handled' },
  // near due: taken in by the provincial service centre, less than a working day left
  { agency: 'tuphap', desk: 'ttpvhcc', procedure: '2.000488', caseIndex: 0, channel: 'in_person', ago: 14.4, target: 'processing', stage: 'handled' },
  { agency: 'tuphap', procedure: '1.001877', channel: 'in_person', ago: 9.5, target: 'processing', stage: 'assigned' },
  // overdue
  { agency: 'tuphap', procedure: '2.000505', channel: 'in_person', ago: 13, target: 'processing', stage: 'handled' },
  { agency: 'xaydung', procedure: '1.009974', channel: 'online', citizen: 0, ago: 24, target: 'processing', stage: 'handled' },
  { agency: 'caolanh', procedure: '1.000689', channel: 'in_person', ago: 5, target: 'processing', stage: 'assigned' },
  // joint processing with the commune, answer pending
  { agency: 'xaydung', procedure: '1.009972', channel: 'in_person', ago: 8, target: 'processing', stage: 'assigned', cooperate: true },
  // an apology letter moved the appointment
  { agency: 'xaydung', procedure: '1.009988', channel: 'in_person', ago: 19, target: 'processing', stage: 'handled', apology: true },
  { agency: 'caolanh', procedure: '1.009994', channel: 'in_person', ago: 7, target: 'processing', stage: 'handled', supplied: true },
  { agency: 'sadec', procedure: '1.004884', channel: 'in_person', ago: 1, target: 'processing', stage: 'assigned' },
  { agency: 'vhttdl', procedure: '1.001432', channel: 'online', citizen: 1, ago: 4, target: 'processing', stage: 'assigned' },
  { agency: 'noivu', procedure: '1.003827', channel: 'in_person', ago: 10, target: 'processing', stage: 'approved' },
  { agency: 'thapmuoi', procedure: '2.001628', channel: 'in_person', ago: 2, target: 'processing', stage: 'unassigned' },
  // Supplement requested during appraisal (clock paused)
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'in_person', ago: 5, target: 'supplement_requested' },
  { agency: 'xaydung', procedure: '1.009972', channel: 'online', citizen: 1, ago: 7, target: 'supplement_requested' },
  { agency: 'caolanh', procedure: '1.009994', channel: 'in_person', ago: 4, target: 'supplement_requested' },
  // Waiting for the financial obligation
  { agency: 'xaydung', procedure: '1.009989', channel: 'in_person', ago: 9, target: 'financial_obligation' },
  { agency: 'caolanh', procedure: '1.009994', channel: 'online', citizen: 0, ago: 6, target: 'financial_obligation' },
  // Result ready, not yet collected
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'in_person', ago: 12, target: 'resolved' },
  { agency: 'xaydung', procedure: '1.009974', channel: 'in_person', ago: 18, target: 'resolved' },
  { agency: 'caolanh', procedure: '1.001193', channel: 'in_person', citizen: 0, ago: 2, target: 'resolved' },
  { agency: 'vhttdl', procedure: '1.009397', channel: 'online', citizen: 1, ago: 6, target: 'resolved' },
  { agency: 'sadec', procedure: '2.000884', channel: 'in_person', ago: 1, target: 'resolved' },
  // Returned (some rated, some late)
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 0, channel: 'in_person', citizen: 0, ago: 25, target: 'returned', rating: 'very_satisfied' },
  { agency: 'tuphap', procedure: '2.000488', caseIndex: 1, channel: 'online', citizen: 1, ago: 22, target: 'returned', rating: 'satisfied' },
  { agency: 'tuphap', procedure: '1.002032', channel: 'in_person', ago: 20, target: 'returned', lateBy: 2 },
  { agency: 'xaydung', procedure: '1.009972', channel: 'in_person', ago: 30, target: 'returned' },
  { agency: 'xaydung', procedure: '1.009988', channel: 'online', citizen: 0, ago: 28, target: 'returned', lateBy: 1, rating: 'not_satisfied' },
  { agency: 'caolanh', procedure: '1.001193', channel: 'online', citizen: 0, ago: 12, target: 'returned', rating: 'very_satisfied' },
  { agency: 'caolanh', procedure: '2.000815', channel: 'in_person', ago: 3, target: 'returned' },
  { agency: 'thapmuoi', procedure: '1.000894', caseIndex: 0, channel: 'in_person', citizen: 1, ago: 10, target: 'returned', rating: 'satisfied' },
  { agency: 'noivu', procedure: '1.000775', channel: 'postal', ago: 26, target: 'returned' },
  { agency: 'vhttdl', procedure: '1.004628', channel: 'postal', ago: 16, target: 'returned' },
];

/** The status each target leaves the dossier in. */
export const targetStatus: Record<DemoTarget, DossierStatus> = {
  submitted: 'submitted',
  supplement_requested_at_intake: 'supplement_requested_at_intake',
  refused: 'refused',
  withdrawn_before_receipt: 'stopped',
  withdrawn: 'stopped',
  received: 'received',
  processing: 'processing',
  supplement_requested: 'supplement_requested',
  financial_obligation: 'financial_obligation',
  resolved: 'resolved',
  returned: 'returned',
};

export interface DemoDossierSeedResult {
  seeded: boolean;
  /** Live dossiers created. */
  dossiers: number;
  /** Finished dossiers imported as two years of history. */
  history: number;
}

/** A small deterministic generator, so the demo looks the same on every machine (for a given day). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const codeOf = new Map(demoAgencies.map((a) => [a.key, a.code]));
const agencyCode = (key: AgencyKey) => codeOf.get(key)!;

async function loadPrincipals(tx: Tx): Promise<Map<string, Principal>> {
  const rows = await tx.execute<{ id: string; username: string; kind: UserKind; grants: RoleGrant[] }>(sql`
    select u.id, u.username, u.kind,
           coalesce(json_agg(json_build_object('role', ra.role, 'agencyId', ra.agency_id, 'agencyPath', a.path))
                    filter (where ra.id is not null), '[]') as grants
      from users u
      left join role_assignments ra on ra.user_id = u.id
      left join agencies a on a.id = ra.agency_id
     group by u.id`);
  return new Map(rows.rows.map((r) => [r.username, { userId: r.id, kind: r.kind, grants: r.grants }]));
}

/** The latest instant with exactly `minutes` working minutes between it and `t` (t itself for 0). */
function workingMinutesBefore(calendar: WorkCalendar, t: number, minutes: number): number {
  if (minutes <= 0) return t;
  let lo = t - Math.max(7, Math.ceil(minutes / DAY) * 3 + 14) * 86_400_000;
  let hi = t;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (calendar.workingMinutesBetween(mid, t) >= minutes) lo = mid;
    else hi = mid;
  }
  // Whole minutes, so the times read like a clock; moved to the next opening when the office is closed.
  return calendar.addWorkingMinutes(lo - (lo % 60_000), 0);
}

function generatedApplicant(i: number, rnd: () => number): ApplicantInput {
  const streets = ['Nguyễn Huệ', 'Lý Thường Kiệt', 'Trần Hưng Đạo', 'Hùng Vương', 'Lê Lợi', 'Nguyễn Trãi'];
  const places = ['Phường Cao Lãnh', 'Phường Sa Đéc', 'Xã Tháp Mười', 'Phường Mỹ Tho'];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  return {
    name: demoName(60 + i * 3),
    personalId: `087${rnd() < 0.5 ? '0' : '1'}${digits(8)}`,
    phone: `09${digits(8)}`,
    address: `Số ${1 + Math.floor(rnd() * 200)} ${streets[i % streets.length]}, ${places[i % places.length]}, tỉnh Đồng Tháp`,
  };
}

/** One live dossier, moved along its plan; answers its final status. */
async function runPlan(
  tx: Tx,
  plan: DemoDossierPlan,
  index: number,
  people: Map<string, Principal>,
  calendar: WorkCalendar,
  now: number,
  rnd: () => number,
): Promise<DossierStatus> {
  const staff = (key: AgencyKey, suffix: string) => people.get(`${key}.${suffix}`)!;
  const deskKey = plan.desk ?? plan.agency;
  const desk = staff(deskKey, 'tiepnhan');
  const handler = staff(plan.agency, 'thuly');
  const approver = staff(plan.agency, 'pheduyet');
  const clerk = staff(plan.agency, 'vanthu');
  const citizenData = plan.citizen === undefined ? undefined : demoCitizens[plan.citizen]!;
  const citizen = citizenData ? people.get(citizenData.personalId)! : undefined;
  const applicant: ApplicantInput = citizenData
    ? {
        name: citizenData.fullName,
        personalId: citizenData.personalId,
        phone: citizenData.phone,
        address: citizenData.address,
      }
    : generatedApplicant(index, rnd);
  const online = plan.channel === 'online';
  if (online && !citizen) throw new Error(`demo dossier ${index}: online dossiers need a citizen`);

  // Up to half an hour either way, so the dossiers of a day do not all come in at the same minute.
  const jitter = plan.ago >= 1 ? Math.round((rnd() - 0.5) * 60) : 0;
  const start = workingMinutesBefore(calendar, now, Math.round(plan.ago * DAY) + jitter);
  const after = (t: number, minutes: number) =>
    calendar.addWorkingMinutes(t, Math.max(1, Math.round(minutes)));
  let last = start;
  const at = (t: number) => {
    // Every action happens after the previous one and before now.
    const when = Math.max(t, last + 60_000);
    if (when > now)
      throw new Error(`demo dossier ${index} (${plan.procedure}): its plan does not fit before now`);
    last = when;
    return when;
  };

  const created = await createDossierTx(
    tx,
    online ? citizen! : desk,
    {
      procedure: plan.procedure,
      caseIndex: plan.caseIndex,
      agency: agencyCode(plan.agency),
      channel: plan.channel,
      ...(plan.desk ? { intakeAgency: agencyCode(plan.desk) } : {}),
      ...(online ? {} : { applicant }),
      ...(plan.channel === 'postal'
        ? { waybill: `EB${String(100_000_000 + Math.floor(rnd() * 900_000_000))}VN` }
        : {}),
    },
    at(start),
    meta,
  );
  const id = created.id;
  let status: DossierStatus = online ? 'submitted' : 'draft';
  const act = async (who: Principal, action: string, when: number, body: ActionRequest = {}) => {
    const r = await actOnDossierTx(tx, who, id, action, body, at(when), meta);
    status = r.event.to;
  };

  if (plan.target === 'submitted') return status;
  // The desk checks the dossier: an hour or so after an online submission, at once at the counter.
  const check = online ? after(start, 30 + rnd() * 90) : after(start, 5 + rnd() * 10);
  if (plan.target === 'supplement_requested_at_intake') {
    // One component of the dossier (its form, to be signed) and one other paper (giấy tờ khác).
    const [first] = await tx
      .execute<{ name: string }>(
        sql`select components -> 0 ->> 'name' as name from dossiers where id = ${id}`,
      )
      .then((r) => r.rows);
    await act(desk, 'request_supplement', check, {
      items: [
        first?.name ?? 'Tờ khai có đủ chữ ký của người yêu cầu',
        'Bản sao giấy tờ chứng minh nơi cư trú',
      ],
      reason: 'Hồ sơ chưa đủ thành phần theo quy định',
    });
    return status;
  }
  if (plan.target === 'refused') {
    await act(desk, 'refuse', check, {
      reasons: ['Yêu cầu không thuộc thẩm quyền giải quyết theo thủ tục đã chọn'],
    });
    return status;
  }
  if (plan.target === 'withdrawn_before_receipt') {
    await act(citizen!, 'request_withdrawal', check, { reason: 'Tôi nộp nhầm thủ tục, xin rút hồ sơ' });
    return status;
  }
  const components = await tx.execute<{ n: number }>(
    sql`select jsonb_array_length(components) as n from dossiers where id = ${id}`,
  );
  await act(desk, 'receive', check, { provided: [...Array(components.rows[0]!.n).keys()] });
  const receivedAt = last;
  const due = async () => {
    const [row] = await tx.select({ due: dossiers.dueAt }).from(dossiers).where(eq(dossiers.id, id));
    return row!.due!.getTime();
  };
  const appointment = await due();
  if (plan.target === 'received') return status;

  await act(desk, 'forward', after(receivedAt, 10 + rnd() * 30));
  if (plan.target === 'withdrawn') {
    await act(desk, 'request_withdrawal', after(last, 2 * DAY), {
      reason: 'Người nộp có đơn xin rút hồ sơ',
    });
    await act(approver, 'stop', after(last, 120), {
      reason: 'Dừng giải quyết theo đơn xin rút hồ sơ của người nộp',
    });
    return status;
  }
  if (plan.stage === 'unassigned') return status;

  // When the last action of the plan happens: a while before now for open dossiers; for finished ones at
  // three quarters of the legal time (on time) or `lateBy` working days after the appointment.
  const open = plan.target !== 'resolved' && plan.target !== 'returned';
  const recent = workingMinutesBefore(calendar, now, Math.round(DAY * (0.1 + rnd() * 0.3)));
  const finish = open
    ? recent
    : plan.lateBy !== undefined
      ? after(appointment, plan.lateBy * DAY - 60 - rnd() * 120)
      : Math.min(
          after(receivedAt, calendar.workingMinutesBetween(receivedAt, appointment) * (0.55 + rnd() * 0.3)),
          recent,
        );
  // The remaining actions are spread evenly between the forwarding and `finish`.
  const steps: [Principal, string, ActionRequest][] = [];
  const assigneeId = handler.userId;
  steps.push([approver, 'assign', { assigneeId }]);
  if (plan.target === 'supplement_requested' || plan.supplied)
    steps.push([
      handler,
      'request_supplement',
      {
        items: ['Bản vẽ hiện trạng có xác nhận của đơn vị tư vấn'],
        reason: 'Cần làm rõ hiện trạng công trình',
      },
    ]);
  if (plan.supplied)
    steps.push([desk, 'provide_supplement', { items: ['Bản vẽ hiện trạng có xác nhận của đơn vị tư vấn'] }]);
  if (plan.cooperate)
    steps.push([
      handler,
      'send_to_cooperating',
      {
        agencies: [agencyCode('caolanh')],
        question:
          'Đề nghị UBND phường cho ý kiến về quy hoạch và hiện trạng công trình tại địa chỉ đề nghị cấp phép.',
        replyWorkingDays: 3,
      },
    ]);
  if (plan.apology) steps.push([approver, 'apologize', {}]);
  if (plan.target !== 'supplement_requested' && plan.stage !== 'assigned') {
    steps.push([handler, 'complete_step', { note: 'Đã thẩm định, hồ sơ đủ điều kiện' }]);
    if (plan.target === 'financial_obligation')
      steps.push([
        handler,
        'request_financial_obligation',
        { noticeNumber: `${100 + index}/TB-NVTC`, amountVnd: 150_000 },
      ]);
    else if (plan.stage !== 'handled') {
      steps.push([approver, 'approve', { note: 'Đồng ý' }]);
      if (plan.stage !== 'approved')
        steps.push([clerk, 'issue', { resultNumber: `${200 + index}/KQ`, electronic: online }]);
    }
  }
  const from = last;
  const span = calendar.workingMinutesBetween(from, finish);
  for (let k = 0; k < steps.length; k++) {
    const [who, action, body] = steps[k]!;
    const when = after(from, (span * (k + 1)) / steps.length);
    if (action === 'apologize') {
      // Form 04 goes out at least a working day before the appointment, with a new one five days later.
      const current = await due();
      const sendAt = Math.min(when, workingMinutesBefore(calendar, current, DAY + 60));
      await act(who, action, sendAt, {
        reason: 'Cần thêm thời gian lấy ý kiến cơ quan phối hợp về hiện trạng công trình',
        newDueAt: new Date(calendar.addWorkingMinutes(current, 5 * DAY)).toISOString(),
      });
    } else await act(who, action, when, body);
  }
  if (plan.target !== 'returned') return status;

  const returnAt = Math.min(after(last, 30 + rnd() * DAY), workingMinutesBefore(calendar, now, 20));
  await act(
    desk,
    'return_result',
    returnAt,
    online
      ? { methods: ['electronic'] }
      : {
          methods: ['paper'],
          delivery: plan.channel === 'postal' ? 'postal' : 'in_person',
          receivedBy: applicant.name!,
        },
  );
  if (plan.rating && citizen) {
    const score = plan.rating === 'very_satisfied' ? 2 : plan.rating === 'satisfied' ? 1 : 0;
    await act(citizen, 'rate', after(last, 10), {
      quick: plan.rating,
      criteria: {
        total_time: plan.lateBy ? 0 : 2,
        time_per_agency: Math.min(2, score + 1),
        contacts: 2,
        agencies_contacted: 2,
        one_stop: 2,
        publication: 2,
        attitude: score,
        feedback_handling: Math.min(2, score + 1),
        online_service: online ? 2 : 1,
      },
      ...(plan.rating === 'not_satisfied' ? { comment: 'Hồ sơ trả trễ hẹn, không được báo trước.' } : {}),
    });
  }
  return status;
}

/** Agencies, their procedures and a usual number of dossiers a month, for the history. */
const historyMix: { agency: AgencyKey; procedure: string; monthly: number; deadlineDays: number }[] = [
  { agency: 'tuphap', procedure: '2.000488', monthly: 26, deadlineDays: 15 },
  { agency: 'tuphap', procedure: '2.000505', monthly: 4, deadlineDays: 10 },
  { agency: 'tuphap', procedure: '1.002032', monthly: 1.5, deadlineDays: 10 },
  { agency: 'xaydung', procedure: '1.009972', monthly: 4, deadlineDays: 20 },
  { agency: 'xaydung', procedure: '1.009974', monthly: 3, deadlineDays: 20 },
  { agency: 'xaydung', procedure: '1.009989', monthly: 6, deadlineDays: 20 },
  { agency: 'xaydung', procedure: '1.009988', monthly: 2, deadlineDays: 20 },
  { agency: 'vhttdl', procedure: '1.009397', monthly: 3, deadlineDays: 5 },
  { agency: 'vhttdl', procedure: '1.001432', monthly: 2, deadlineDays: 15 },
  { agency: 'vhttdl', procedure: '1.004628', monthly: 1.5, deadlineDays: 10 },
  { agency: 'noivu', procedure: '1.000775', monthly: 2, deadlineDays: 20 },
  { agency: 'caolanh', procedure: '1.001193', monthly: 18, deadlineDays: 1 },
  { agency: 'caolanh', procedure: '2.000815', monthly: 22, deadlineDays: 1 },
  { agency: 'caolanh', procedure: '1.004746', monthly: 6, deadlineDays: 1 },
  { agency: 'caolanh', procedure: '1.009994', monthly: 5, deadlineDays: 15 },
  { agency: 'sadec', procedure: '1.001193', monthly: 12, deadlineDays: 1 },
  { agency: 'sadec', procedure: '2.000815', monthly: 15, deadlineDays: 1 },
  { agency: 'thapmuoi', procedure: '1.001193', monthly: 9, deadlineDays: 1 },
  { agency: 'thapmuoi', procedure: '1.004859', monthly: 3, deadlineDays: 5 },
];

const VN_OFFSET = 7 * 3_600_000;
const vnYmd = (t: number) => new Date(t + VN_OFFSET).toISOString().slice(0, 10);

/**
 * Two years of finished dossiers as history lines (NDJSON), received up to the day before `now`: volumes
 * vary month to month (a Tết dip, a slow rise, online filing growing), most are finished early or on time,
 * a few late, refused, withdrawn or stopped.
 */
export function demoHistoryLines(calendar: WorkCalendar, now: number): string[] {
  const rnd = random(20_250_701);
  const lines: string[] = [];
  const today = vnYmd(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const counters = new Map<string, number>();
  for (let back = 24; back >= 0; back--) {
    const month = new Date(Date.UTC(y, m - 1 - back, 1));
    const year = month.getUTCFullYear();
    const mon = month.getUTCMonth();
    const days = new Date(Date.UTC(year, mon + 1, 0)).getUTCDate();
    // Fewer dossiers around Tết (late January–February), more before the year ends, slowly rising.
    const season = mon === 1 ? 0.65 : mon === 0 ? 0.9 : mon === 11 || mon === 9 ? 1.12 : 1;
    const growth = 0.85 + (0.3 * (24 - back)) / 24;
    const onlineShare = 0.35 + (0.4 * (24 - back)) / 24;
    for (const mix of historyMix) {
      const count = Math.round(mix.monthly * season * growth * (0.75 + rnd() * 0.5));
      for (let k = 0; k < count; k++) {
        const day = 1 + Math.floor(rnd() * days);
        const ymd = `${year}-${String(mon + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        if (ymd >= today || !calendar.isWorkingDay(ymd)) continue;
        const minute = rnd() < 0.55 ? 30 + Math.floor(rnd() * 240) : 390 + Math.floor(rnd() * 180);
        const receivedAt = Date.parse(`${ymd}T07:00:00+07:00`) + minute * 60_000;
        const dueAt =
          mix.deadlineDays <= 1
            ? Date.parse(`${ymd}T17:00:00+07:00`)
            : calendar.addWorkingMinutes(receivedAt, mix.deadlineDays * DAY);
        const roll = rnd();
        const outcome =
          roll < 0.025 ? 'refused' : roll < 0.045 ? 'withdrawn' : roll < 0.052 ? 'stopped' : 'resolved';
        const late = outcome === 'resolved' && rnd() < 0.04 + (back > 12 ? 0.03 : 0);
        const window = calendar.workingMinutesBetween(receivedAt, dueAt);
        // Some are finished on the appointment day itself (on time), most before it (early).
        const dueDayOpening = Date.parse(`${vnYmd(dueAt)}T07:00:00+07:00`);
        const onDueDay = outcome === 'resolved' && !late && rnd() < 0.2 && dueDayOpening > receivedAt;
        const finishedAt = late
          ? calendar.addWorkingMinutes(dueAt, Math.round(DAY * (0.5 + rnd() * 4)))
          : onDueDay
            ? dueDayOpening + Math.floor(rnd() * (dueAt - dueDayOpening))
            : outcome === 'resolved'
              ? calendar.addWorkingMinutes(receivedAt, Math.max(15, Math.round(window * (0.3 + rnd() * 0.6))))
              : calendar.addWorkingMinutes(receivedAt, Math.round(window * rnd() * 0.5) + 10);
        if (finishedAt >= now) continue;
        const returnedAt =
          outcome === 'resolved'
            ? calendar.addWorkingMinutes(finishedAt, 10 + Math.floor(rnd() * DAY))
            : null;
        const code = agencyCode(mix.agency);
        const key = `${code}-${ymd.slice(2).replaceAll('-', '')}`;
        const n = (counters.get(key) ?? 0) + 1;
        counters.set(key, n);
        const online = rnd() < onlineShare;
        const line: Record<string, unknown> = {
          code: `LS-${key}-${String(n).padStart(4, '0')}`,
          agency: code,
          procedure: mix.procedure,
          channel: online ? 'online' : rnd() < 0.1 ? 'postal' : 'in_person',
          receivedAt: new Date(receivedAt).toISOString(),
          dueAt: new Date(dueAt).toISOString(),
          finishedAt: new Date(finishedAt).toISOString(),
          outcome,
          applicant: { name: demoName(Math.floor(rnd() * 5000)) },
        };
        if (returnedAt !== null && returnedAt < now) line.returnedAt = new Date(returnedAt).toISOString();
        if (rnd() < 0.06) line.supplementRequests = 1;
        if (online && rnd() < 0.5) line.paidOnline = true;
        lines.push(JSON.stringify(line));
      }
    }
  }
  return lines;
}

/**
 * Creates the demo dossiers (see the top of this module) at `now`. Does nothing, answering `seeded: false`,
 * when the database already has dossiers or imported history.
 */
export async function seedDemoDossiers(db: Db, now: number): Promise<DemoDossierSeedResult> {
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_DOSSIERS_LOCK})`);
    const [existing] = (
      await tx.execute<{ any: boolean }>(
        sql`select exists (select 1 from dossiers) or exists (select 1 from dossier_history) as any`,
      )
    ).rows;
    if (existing?.any) return null;
    const people = await loadPrincipals(tx);
    if (!people.has('tuphap.tiepnhan')) return null; // not the demo province
    const calendar = await calendarFor(tx, null);
    const rnd = random(7_140_015);
    for (const [i, plan] of demoDossierPlans.entries()) {
      const status = await runPlan(tx, plan, i, people, calendar, now, rnd);
      if (status !== targetStatus[plan.target])
        throw new Error(
          `demo dossier ${i} (${plan.procedure}) ended ${status}, not ${targetStatus[plan.target]}`,
        );
    }
    return { calendar, dossiers: demoDossierPlans.length };
  });
  if (!created) return { seeded: false, dossiers: 0, history: 0 };
  const lines = demoHistoryLines(created.calendar, now);
  const report = await importHistory(
    db,
    'system',
    { source: [lines.join('\n')] },
    { ip: null, source: 'demo' },
    new Date(now),
  );
  return { seeded: true, dossiers: created.dossiers, history: report.imported };
}
