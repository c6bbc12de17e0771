/**
 * The dossier's vocabulary as data: statuses, channels, actor roles, the national portal's codes, and the
 * shapes of the state and of the events it is derived from.
 */
import type { StaffRole } from '../access/roles.ts';
import type { DeadlineMode, DurationUnit } from '../calendar/index.ts';

export const dossierStatuses = [
  'draft',
  'submitted',
  'supplement_requested_at_intake',
  'refused',
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
  'stopped',
  'resolved',
  'returned',
] as const;
export type DossierStatus = (typeof dossierStatuses)[number];

/**
 * What the processing clock does in a status. `unchanged`: as it was before (a withdrawal request keeps
 * a pause open: the clock does not restart for a dossier the applicant is abandoning).
 */
export type ClockState = 'not_started' | 'running' | 'paused' | 'unchanged' | 'stopped';

/** Codes exchanged with the national portal (Cổng DVCQG), domain.md section 3. */
export type NationalStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

interface StatusDefinition {
  /** Never left again (a rating keeps a returned dossier returned). */
  terminal: boolean;
  clock: ClockState;
  vi: string;
  en: string;
}

export const statusDefinitions = {
  draft: { terminal: false, clock: 'not_started', vi: 'Hồ sơ nháp', en: 'Draft' },
  submitted: {
    terminal: false,
    clock: 'not_started',
    vi: 'Mới đăng ký, chờ tiếp nhận',
    en: 'Submitted, awaiting the desk check',
  },
  supplement_requested_at_intake: {
    terminal: false,
    clock: 'not_started',
    vi: 'Yêu cầu bổ sung khi tiếp nhận',
    en: 'Supplement requested at intake',
  },
  refused: {
    terminal: true,
    clock: 'not_started',
    vi: 'Từ chối tiếp nhận',
    en: 'Not received (refused)',
  },
  received: { terminal: false, clock: 'running', vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { terminal: false, clock: 'running', vi: 'Đang xử lý', en: 'Processing' },
  supplement_requested: {
    terminal: false,
    clock: 'paused',
    vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
    en: 'Supplement requested',
  },
  financial_obligation: {
    terminal: false,
    clock: 'paused',
    vi: 'Tạm dừng chờ thực hiện nghĩa vụ tài chính',
    en: 'Awaiting financial obligation',
  },
  withdrawal_requested: {
    terminal: false,
    clock: 'unchanged',
    vi: 'Công dân yêu cầu rút hồ sơ',
    en: 'Withdrawal requested',
  },
  stopped: { terminal: true, clock: 'stopped', vi: 'Dừng xử lý', en: 'Stopped' },
  resolved: {
    terminal: false,
    clock: 'stopped',
    vi: 'Đã có kết quả, chờ trả',
    en: 'Resolved, result ready',
  },
  returned: { terminal: true, clock: 'stopped', vi: 'Đã trả kết quả', en: 'Result returned' },
} as const satisfies Record<DossierStatus, StatusDefinition>;

export function isTerminalStatus(status: DossierStatus): boolean {
  return statusDefinitions[status].terminal;
}

/** Every status to the national portal's status code (null: a draft exists only in this system). */
export const nationalStatusCodes = {
  draft: null,
  submitted: 1,
  supplement_requested_at_intake: 5,
  refused: 3,
  received: 2,
  processing: 4,
  supplement_requested: 5,
  financial_obligation: 6,
  withdrawal_requested: 7,
  stopped: 8,
  resolved: 9,
  returned: 10,
} as const satisfies Record<DossierStatus, NationalStatusCode | null>;

export const channels = ['in_person', 'online', 'postal'] as const;
export type Channel = (typeof channels)[number];

/** Channel codes of the national portal: 1 in person, 2 online, 3 postal. */
export const nationalChannelCodes = {
  in_person: 1,
  online: 2,
  postal: 3,
} as const satisfies Record<Channel, 1 | 2 | 3>;

export const channelNames = {
  in_person: { vi: 'Trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Bưu chính công ích', en: 'Public postal service' },
} as const satisfies Record<Channel, { vi: string; en: string }>;

/**
 * Who acts on dossiers. Staff roles come from access/roles.ts; `cooperating_officer` is a handling
 * officer of another agency in joint processing, `system` the payment gateway or the electronic delivery
 * of results (acting on verified callbacks, never on a person's request).
 */
export const dossierActorRoles = [
  'applicant',
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'cooperating_officer',
  'system',
] as const satisfies readonly (StaffRole | 'applicant' | 'cooperating_officer' | 'system')[];
export type DossierActorRole = (typeof dossierActorRoles)[number];
/** Any role a caller may hold; agency_admin, supervisor and system_admin take no dossier action. */
export type ActorRole = DossierActorRole | StaffRole;

export interface DossierActor {
  /** User id (staff or citizen account); for `system`, the integration's name. */
  id: string;
  role: ActorRole;
  /** QCVN 102 identifier of the agency the actor acts for (staff), null for applicants. */
  agencyCode?: string | null;
}

/** The legal processing time of the procedure case, as the calendar engine takes it. */
export interface Deadline {
  amount: number;
  unit: DurationUnit;
  mode?: DeadlineMode;
}

export type PauseReason = 'supplement' | 'financial_obligation';

export interface DossierPause {
  from: number;
  to: number;
  reason: PauseReason;
}

/** A file attached to an opinion request or to its answer (a row of `dossier_files`), named as uploaded. */
export interface OpinionFile {
  id: string;
  fileName: string;
}

/**
 * A request for an agency's opinion (liên thông) and its answer. The question, the reply deadline and the
 * files came later than the first requests: branches replayed from older events have none (absent), so
 * readers take a missing one as null / empty.
 */
export interface CooperationBranch {
  agencyCode: string;
  sentAt: number;
  answeredAt: number | null;
  result: string | null;
  question?: string | null;
  /** Counted in working days by the asked agency's own calendar. */
  replyDueAt?: number | null;
  requestFiles?: OpinionFile[];
  note?: string | null;
  replyFiles?: OpinionFile[];
}

export const quickRatings = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type QuickRating = (typeof quickRatings)[number];

/** The nine criteria of the citizen evaluation, each scored 0–2 (domain.md section 8). */
export const ratingCriteria = [
  'total_time',
  'time_per_agency',
  'contacts',
  'agencies_contacted',
  'one_stop',
  'publication',
  'attitude',
  'feedback_handling',
  'online_service',
] as const;
export type RatingCriterion = (typeof ratingCriteria)[number];
export type CriterionScore = 0 | 1 | 2;

export const resultMethods = ['electronic', 'paper'] as const;
export type ResultMethod = (typeof resultMethods)[number];
export const paperDeliveries = ['in_person', 'postal'] as const;
export type PaperDelivery = (typeof paperDeliveries)[number];

/** The data each action's event stores: the validated input plus what the rules derived from it. */
export interface ActionData {
  save_draft: { channel: Channel; applicantId: string | null };
  submit: Record<string, never>;
  receive: { code: string; deadline: Deadline };
  request_supplement: { items: string[]; reason: string };
  refuse: { reasons: string[] };
  provide_supplement: { items: string[] };
  forward: { agencyCode: string; forwardBy: number };
  assign: { assigneeId: string };
  complete_step: { note: string | null };
  return_step: { reason: string };
  /**
   * `question`, `replyWorkingDays`, `replyDueAt` (per asked agency, by its calendar: the server computes it)
   * and `attachments` are absent in events stored before they existed; such events still replay.
   */
  send_to_cooperating: {
    agencies: string[];
    question?: string;
    replyWorkingDays?: number;
    replyDueAt?: Record<string, number>;
    attachments?: OpinionFile[];
  };
  cooperating_result: {
    agencyCode: string;
    result: string;
    note: string | null;
    attachments?: OpinionFile[];
  };
  approve: { note: string | null };
  issue: { resultNumber: string; electronic: boolean };
  request_financial_obligation: { noticeNumber: string; amountVnd: number };
  record_payment: { amountVnd: number; transactionId: string };
  apologize: { reason: string; newDueAt: number; previousDueAt: number };
  request_withdrawal: { reason: string };
  stop: { reason: string };
  return_result: {
    methods: ResultMethod[];
    delivery: PaperDelivery | null;
    receivedBy: string | null;
    receivedAt: number;
  };
  rate: { quick: QuickRating; criteria: Record<RatingCriterion, CriterionScore>; comment: string | null };
}

export type DossierAction = keyof ActionData;

export type ClockEvent =
  | { kind: 'start'; at: number }
  | { kind: 'pause'; at: number; reason: PauseReason }
  | { kind: 'resume'; at: number }
  | { kind: 'stop'; at: number };

interface EventBase {
  /** Position in the dossier's history, from 1. */
  seq: number;
  at: number;
  actor: { id: string; role: ActorRole; agencyCode: string | null };
  from: DossierStatus;
  to: DossierStatus;
  clock: ClockEvent[];
  /** The due time after this event, present only when the event changed it. */
  dueAt?: number;
}

/** One row of the dossier's append-only history. */
export type DossierEvent = {
  [A in DossierAction]: EventBase & { action: A; data: ActionData[A] };
}[DossierAction];
export type DossierEventOf<A extends DossierAction> = Extract<DossierEvent, { action: A }>;

/** The dossier as derived from its events. */
export interface DossierState {
  /** Number of events folded in. */
  version: number;
  status: DossierStatus;
  channel: Channel | null;
  /** Account of the applicant, when they have one (online dossiers always). */
  applicantId: string | null;
  code: string | null;
  createdAt: number | null;
  submittedAt: number | null;
  /** Valid-receipt time: the clock starts here. */
  receivedAt: number | null;
  deadline: Deadline | null;
  /** The appointment in force. */
  dueAt: number | null;
  /** The first appointment (form 01), kept when an apology resets it. */
  originalDueAt: number | null;
  /** The apology (form 04) that reset the appointment, if any. */
  reschedule: { at: number; dueAt: number } | null;
  pauses: DossierPause[];
  openPause: { from: number; reason: PauseReason } | null;
  supplementRequests: number;
  forwardedAt: number | null;
  resolvingAgencyCode: string | null;
  assigneeId: string | null;
  /** Index of the current step of the internal process (0 = first after forwarding). */
  step: number;
  approved: boolean;
  cooperation: CooperationBranch[];
  resultNumber: string | null;
  /** When the result was issued (the finish time for the statistics). */
  resolvedAt: number | null;
  returnedAt: number | null;
  /** Refused or stopped. */
  closedAt: number | null;
  stopReason: 'withdrawal' | 'agency' | null;
  rating: ActionData['rate'] | null;
}

export function initialDossier(): DossierState {
  return {
    version: 0,
    status: 'draft',
    channel: null,
    applicantId: null,
    code: null,
    createdAt: null,
    submittedAt: null,
    receivedAt: null,
    deadline: null,
    dueAt: null,
    originalDueAt: null,
    reschedule: null,
    pauses: [],
    openPause: null,
    supplementRequests: 0,
    forwardedAt: null,
    resolvingAgencyCode: null,
    assigneeId: null,
    step: 0,
    approved: false,
    cooperation: [],
    resultNumber: null,
    resolvedAt: null,
    returnedAt: null,
    closedAt: null,
    stopReason: null,
    rating: null,
  };
}
