/**
 * Printable forms of a dossier (TT 03/2025 Appendix I): the data of forms 01–06 gathered from the dossier,
 * its events and its agencies, and the register (form 07) of an agency for a period. Rendering lives in
 * `../documents/`; this file only decides what goes on the paper.
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agencies, dossierEvents, dossiers, procedureVersions, users } from '../../db/schema.ts';
import { can, type Principal } from '../../domain/access/policy.ts';
import { classify, computeDue, type WorkCalendar } from '../../domain/calendar/index.ts';
import type { ProcessStep } from '../../domain/catalog/model.ts';
import type { DossierEvent, DossierEventOf } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { formNumberFor } from './form-numbers.ts';
import {
  loadVisibleDossier,
  opinionOnlyView,
  type AgencyInfo,
  type LoadedDossier,
} from './dossier-access.ts';
import type { PdfRenderer } from '../pdf/pool.ts';
import {
  renderForm07Xlsx,
  type Applicant,
  type FormHeader,
  type HandoverRow,
  type RegisterRow,
} from '../documents/index.ts';

export const dossierForms = ['01', '02', '03', '04', '05', '06'] as const;
export type DossierForm = (typeof dossierForms)[number];

/** "Ủy ban nhân dân tỉnh Đồng Tháp" → "Đồng Tháp": the place name printed before the date. */
function placeOf(rootName: string): string {
  const m = /(?:tỉnh|thành phố)\s+(.+)$/iu.exec(rootName);
  return m ? m[1]!.trim() : rootName;
}

async function headerFor(db: Db, agency: AgencyInfo, issuedAt: number): Promise<FormHeader> {
  const ids = agency.path.split('/').filter(Boolean).map(Number);
  const rows = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(inArray(agencies.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  const parentId = ids.length >= 2 ? ids[ids.length - 2]! : null;
  return {
    parentAgencyName: parentId === null ? null : (byId.get(parentId) ?? null),
    agencyName: agency.name,
    number: null,
    place: placeOf(byId.get(ids[0]!) ?? agency.name),
    issuedAt,
  };
}

function applicantOf(loaded: LoadedDossier): Applicant {
  const a = loaded.row.applicant;
  return {
    name: a.organizationName ?? a.name,
    idNumber: a.personalId ?? a.taxCode,
    address: a.address,
    phone: a.phone,
    email: a.email,
  };
}

async function eventsOf(db: Db, dossierId: string): Promise<{ seq: number; event: DossierEvent }[]> {
  const rows = await db
    .select({ seq: dossierEvents.seq, event: dossierEvents.event })
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.seq));
  return rows.map((r) => ({ seq: r.seq, event: r.event as DossierEvent }));
}

function last<A extends DossierEvent['action']>(
  events: DossierEvent[],
  action: A,
): DossierEventOf<A> | undefined {
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.action === action) return events[i] as DossierEventOf<A>;
  return undefined;
}

function notAvailable(form: DossierForm): never {
  throw new AppError('FORM_NOT_AVAILABLE', {
    field: 'form',
    vi: `Hồ sơ chưa có mẫu ${form}: thao tác tương ứng chưa được thực hiện.`,
    en: `Form ${form} does not exist for this dossier yet: its action has not been taken.`,
  });
}

async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, uuids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Control slip rows: one per handover, judged against the cumulative budget of the internal process
 * (working-time units) or, where the process does not say, against the appointment.
 */
function handovers(
  events: DossierEvent[],
  loaded: LoadedDossier,
  names: Map<string, string>,
  calendar: WorkCalendar,
): HandoverRow[] {
  const { row } = loaded;
  const process: ProcessStep[] = row.process ?? [];
  const receivedAt = row.state.receivedAt;
  const dueAt = row.state.dueAt;
  const desk = loaded.intakeAgency?.name ?? loaded.agency.name;
  const person = (id: string) => names.get(id) ?? null;
  const stepTarget = (index: number): number | null => {
    if (receivedAt === null) return null;
    const budgets = process.slice(0, index + 1).map((s) => s.budget);
    if (budgets.length === 0 || budgets.some((b) => b.unit !== 'working_days' && b.unit !== 'working_hours'))
      return dueAt;
    const hours = budgets.reduce((sum, b) => sum + (b.unit === 'working_days' ? b.amount * 8 : b.amount), 0);
    return computeDue({ start: receivedAt, amount: hours, unit: 'working_hours' }, calendar);
  };
  const judged = (at: number, target: number | null) =>
    target === null ? null : classify({ finishedAt: at, dueAt: target });
  const rows: HandoverRow[] = [];
  let step = 0;
  for (const e of events) {
    const actor = {
      person: person(e.actor.id),
      unit: e.actor.agencyCode === loaded.agency.code ? loaded.agency.name : desk,
    };
    switch (e.action) {
      case 'receive':
        rows.push({
          from: { person: row.applicant.name, unit: 'Người nộp hồ sơ' },
          to: actor,
          at: e.at,
          result: null,
          note: 'Tiếp nhận hồ sơ',
        });
        break;
      case 'forward':
        rows.push({
          from: actor,
          to: { person: null, unit: loaded.agency.name },
          at: e.at,
          result: judged(e.at, e.data.forwardBy),
          note: 'Chuyển hồ sơ',
        });
        break;
      case 'assign':
        rows.push({
          from: actor,
          to: { person: person(e.data.assigneeId), unit: loaded.agency.name },
          at: e.at,
          result: null,
          note: 'Phân công thụ lý',
        });
        break;
      case 'complete_step':
        rows.push({
          from: actor,
          to: { person: null, unit: process[step + 1]?.unit ?? loaded.agency.name },
          at: e.at,
          result: judged(e.at, stepTarget(step)),
          note: e.data.note ?? process[step]?.description ?? null,
        });
        step += 1;
        break;
      case 'return_step':
        rows.push({
          from: actor,
          to: { person: null, unit: loaded.agency.name },
          at: e.at,
          result: null,
          note: `Trả lại: ${e.data.reason}`,
        });
        step = Math.max(0, step - 1);
        break;
      case 'send_to_cooperating':
        rows.push({
          from: actor,
          to: {
            person: null,
            unit: e.data.agencies.map((c) => loaded.cooperating.get(c)?.name ?? c).join(', '),
          },
          at: e.at,
          result: null,
          note: 'Đề nghị phối hợp',
        });
        break;
      case 'cooperating_result':
        rows.push({
          from: {
            person: person(e.actor.id),
            unit: loaded.cooperating.get(e.data.agencyCode)?.name ?? e.data.agencyCode,
          },
          to: { person: null, unit: loaded.agency.name },
          at: e.at,
          result: null,
          note: e.data.result,
        });
        break;
      case 'approve':
        rows.push({
          from: actor,
          to: { person: null, unit: 'Văn thư' },
          at: e.at,
          result: null,
          note: 'Phê duyệt',
        });
        break;
      case 'issue':
        rows.push({
          from: actor,
          to: { person: null, unit: desk },
          at: e.at,
          result: dueAt === null ? null : judged(e.at, dueAt),
          note: `Ban hành kết quả số ${e.data.resultNumber}`,
        });
        break;
      case 'return_result':
        rows.push({
          from: actor,
          to: { person: e.data.receivedBy, unit: 'Người nhận kết quả' },
          at: e.data.receivedAt,
          result: null,
          note: 'Trả kết quả',
        });
        break;
      // Not handovers: the dossier stays with whoever holds it (pauses, payments, letters, the rating).
      case 'save_draft':
      case 'submit':
      case 'request_supplement':
      case 'provide_supplement':
      case 'refuse':
      case 'request_financial_obligation':
      case 'record_payment':
      case 'apologize':
      case 'request_withdrawal':
      case 'stop':
      case 'rate':
        break;
    }
  }
  return rows;
}

export async function renderDossierForm(
  db: Db,
  principal: Principal | undefined,
  ref: string,
  form: DossierForm,
  options: { trackingBaseUrl: string | undefined; now: number; pdf: PdfRenderer },
): Promise<{ pdf: Buffer; fileName: string }> {
  const loaded = await loadVisibleDossier(db, principal, ref);
  if (principal?.kind !== 'staff' && form === '06')
    throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
  // An agency asked for an opinion is not a party to the dossier: its forms belong to the agencies that are.
  if (opinionOnlyView(principal, loaded) !== null)
    throw new AppError('FORM_NOT_AVAILABLE', { field: 'form' });
  const { row } = loaded;
  const [eventRows, [version]] = await Promise.all([
    eventsOf(db, row.id),
    db
      .select({ content: procedureVersions.content })
      .from(procedureVersions)
      .where(eq(procedureVersions.id, row.procedureVersionId)),
  ]);
  const events = eventRows.map((r) => r.event);
  const seqOf = (event: DossierEvent) => eventRows.find((r) => r.event === event)!.seq;
  const content = version!.content;
  const caseName = row.caseIndex === null ? null : content.cases[row.caseIndex]?.name;
  const procedureName = caseName ? `${content.name} (${caseName})` : content.name;
  const names = await namesOf(db, events.map((e) => e.actor.id).concat(row.state.assigneeId ?? []));
  const desk = loaded.intakeAgency ?? loaded.agency;
  const applicant = applicantOf(loaded);
  const code = row.code ?? '';
  const signerName = (e: DossierEvent | undefined) => (e ? (names.get(e.actor.id) ?? null) : null);
  let pdf: Buffer;
  switch (form) {
    case '01': {
      const received = last(events, 'receive') ?? notAvailable(form);
      const rep = row.applicant.representative;
      const numbered = await formNumberFor(db, {
        dossierId: row.id,
        form,
        eventSeq: seqOf(received),
        agencyId: desk.id,
        issuedAt: received.at,
      });
      pdf = await options.pdf.render('form01', {
        header: { ...(await headerFor(db, desk, received.at)), number: numbered.text },
        dossierCode: code,
        applicant,
        representative:
          rep && row.applicant.authorisation
            ? {
                name: rep.name,
                idNumber: rep.personalId,
                phone: rep.phone,
                authorisation: [row.applicant.authorisation.number, row.applicant.authorisation.issuer]
                  .filter(Boolean)
                  .join(', '),
              }
            : null,
        procedureName,
        // The receipt lists what the applicant handed in, as the officer ticked it; a dossier received
        // without ticks (older API callers) lists its components as before.
        components: (row.components.some((c) => c.provided)
          ? row.components.filter((c) => c.provided)
          : row.components
        ).map((c) => ({ name: c.name, originals: c.originals, copies: c.copies })),
        processingTime: received.data.deadline,
        receivedAt: received.at,
        appointmentAt: received.dueAt ?? row.state.originalDueAt ?? received.at,
        resultPickup: `Bộ phận Một cửa – ${desk.name}`,
        // The receipt's number is its entry in the desk's register of the year.
        register: { volume: numbered.volume, entry: String(numbered.number) },
        trackingUrl: `${options.trackingBaseUrl ?? siteUrlUnknown()}/tra-cuu/${encodeURIComponent(code)}`,
        receivingOfficer: { title: 'Người tiếp nhận hồ sơ', name: signerName(received) },
      });
      break;
    }
    case '02': {
      const request = last(events, 'request_supplement') ?? notAvailable(form);
      const issuer = request.from === 'processing' ? loaded.agency : desk;
      const [officer, numbered] = await Promise.all([
        db
          .select({ name: users.fullName, phone: users.phone })
          .from(users)
          .where(eq(users.id, request.actor.id)),
        formNumberFor(db, {
          dossierId: row.id,
          form,
          eventSeq: seqOf(request),
          agencyId: issuer.id,
          issuedAt: request.at,
        }),
      ]);
      pdf = await options.pdf.render('form02', {
        header: { ...(await headerFor(db, issuer, request.at)), number: numbered.text },
        dossierCode: code || null,
        applicant,
        procedureName,
        items: request.data.items,
        reason: request.data.reason,
        contactOfficer: { name: officer[0]?.name ?? '', phone: officer[0]?.phone ?? null },
        signer: { title: 'Người hướng dẫn', name: signerName(request) },
      });
      break;
    }
    case '03': {
      const refusal = last(events, 'refuse') ?? notAvailable(form);
      pdf = await options.pdf.render('form03', {
        header: await headerFor(db, desk, refusal.at),
        dossierCode: code || null,
        applicant,
        procedureName,
        reasons: refusal.data.reasons,
        signer: { title: 'Người tiếp nhận hồ sơ', name: signerName(refusal) },
      });
      break;
    }
    case '04': {
      const apology = last(events, 'apologize') ?? notAvailable(form);
      pdf = await options.pdf.render('form04', {
        header: await headerFor(db, loaded.agency, apology.at),
        addressee: `Ông/Bà ${row.applicant.name}`,
        receivedAt: row.state.receivedAt ?? apology.at,
        procedureName,
        dossierCode: code,
        originalAppointmentAt: apology.data.previousDueAt,
        reason: apology.data.reason,
        newAppointmentAt: apology.data.newDueAt,
        signer: { title: 'Thủ trưởng cơ quan', name: signerName(apology) },
        recipients: ['Như trên', 'Lưu: VT'],
      });
      break;
    }
    case '05': {
      const stop = last(events, 'stop');
      const withdrawal = last(events, 'request_withdrawal');
      const closing = stop ?? (withdrawal?.to === 'stopped' ? withdrawal : undefined) ?? notAvailable(form);
      pdf = await options.pdf.render('form05', {
        header: await headerFor(db, loaded.agency, closing.at),
        applicant,
        dossierCode: code,
        procedureName,
        receivedAt: row.state.receivedAt,
        stopReason: row.state.stopReason ?? 'agency',
        withdrawalRequestedAt: withdrawal?.at ?? null,
        reason: closing.data.reason,
        signer: { title: 'Thủ trưởng cơ quan', name: signerName(closing) },
        recipients: ['Như trên', 'Lưu: VT'],
      });
      break;
    }
    case '06': {
      if (row.state.receivedAt === null || row.state.dueAt === null) notAvailable(form);
      const calendar = await calendarFor(db, loaded.agency.officeHours);
      pdf = await options.pdf.render('form06', {
        header: await headerFor(db, desk, options.now),
        dossierCode: code,
        procedureName,
        applicantName: row.applicant.name,
        resolvingAgency: loaded.agency.name,
        cooperatingAgencies: [...loaded.cooperating.values()].map((a) => a.name),
        receivedAt: row.state.receivedAt,
        appointmentAt: row.state.dueAt,
        handovers: handovers(events, loaded, names, calendar),
      });
      break;
    }
  }
  return { pdf, fileName: `mau-${form}-${code || row.id}.pdf` };
}

export interface RegisterInput {
  agencyCode: string;
  /** Vietnam dates, inclusive. */
  from: string;
  to: string;
  format: 'pdf' | 'xlsx';
}

const VN_OFFSET_MS = 7 * 3_600_000;
const vnMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS;

/** Form 07: the dossiers an agency received (or took in at its desk) in the period, in receipt order. */
export async function renderRegister(
  db: Db,
  principal: Principal,
  input: RegisterInput,
  now: number,
  pdf: PdfRenderer,
): Promise<{ bytes: Buffer; fileName: string; mediaType: string }> {
  const [agency] = await db
    .select({
      id: agencies.id,
      code: agencies.code,
      name: agencies.name,
      path: agencies.path,
      officeHours: agencies.officeHours,
    })
    .from(agencies)
    .where(eq(agencies.code, input.agencyCode));
  if (!agency) throw new AppError('AGENCY_NOT_FOUND', { field: 'agency' });
  if (!can(principal, 'staff.read', agency)) throw new AppError('FORBIDDEN');
  const from = vnMidnight(input.from);
  const to = vnMidnight(input.to) + 86_400_000;
  if (!(from < to) || to - from > 366 * 86_400_000)
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      vi: 'Khoảng thời gian phải từ 1 ngày đến 1 năm.',
      en: 'The period must be between one day and one year.',
    });
  const rows = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      applicant: dossiers.applicant,
      state: dossiers.state,
      procedureName: procedureVersions.name,
      agencyName: agencies.name,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .where(
      and(
        or(eq(dossiers.agencyId, agency.id), eq(dossiers.intakeAgencyId, agency.id)),
        isNotNull(dossiers.receivedAt),
        gte(dossiers.receivedAt, new Date(from)),
        lt(dossiers.receivedAt, new Date(to)),
      ),
    )
    .orderBy(asc(dossiers.receivedAt), asc(dossiers.code))
    .limit(50_000);
  // How each returned result was handed over, from its return_result event.
  const returnedIds = rows.filter((r) => r.state.returnedAt !== null).map((r) => r.id);
  const deliveries = new Map<string, DossierEventOf<'return_result'>['data']>();
  for (let i = 0; i < returnedIds.length; i += 5000) {
    const events = await db
      .select({ dossierId: dossierEvents.dossierId, event: dossierEvents.event })
      .from(dossierEvents)
      .where(
        and(
          inArray(dossierEvents.dossierId, returnedIds.slice(i, i + 5000)),
          eq(dossierEvents.action, 'return_result'),
        ),
      );
    for (const e of events) deliveries.set(e.dossierId, (e.event as DossierEventOf<'return_result'>).data);
  }
  const registerRows: RegisterRow[] = rows.map((r) => {
    const delivery = deliveries.get(r.id);
    return {
      dossierCode: r.code ?? '',
      procedureName: r.procedureName,
      applicantName: r.applicant.organizationName ?? r.applicant.name,
      address: r.applicant.address,
      phone: r.applicant.phone,
      leadAgency: r.agencyName,
      receivedAt: r.state.receivedAt!,
      appointmentAt: r.state.dueAt ?? r.state.receivedAt!,
      returnedAt: r.state.returnedAt,
      resultDelivery: delivery ? { methods: delivery.methods, delivery: delivery.delivery } : null,
      receivedBy: delivery?.receivedBy ?? null,
    };
  });
  const data = {
    header: await headerFor(db, agency, now),
    period: { from, to: to - 1 },
    rows: registerRows,
  };
  const base = `so-theo-doi-ho-so-${agency.code}-${input.from}-${input.to}`;
  if (input.format === 'xlsx')
    return {
      bytes: await renderForm07Xlsx(data),
      fileName: `${base}.xlsx`,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  return { bytes: await pdf.render('register', data), fileName: `${base}.pdf`, mediaType: 'application/pdf' };
}

/** The receipt's QR code leads to the tracking page: printed with a wrong address it would send citizens astray. */
function siteUrlUnknown(): never {
  throw new AppError('SITE_URL_UNKNOWN');
}
