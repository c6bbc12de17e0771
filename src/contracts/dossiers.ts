// The dossier side of the API: what the dossier, file, desk and tracking routes answer, and the bodies they
// take. One schema per shape: the server declares it as the route's response (and serialises by it), the
// features build values of its type, the web imports the types, and test/server/dossier-contracts.test.ts
// checks real answers against it. Imports only TypeBox, the domain and common.ts.
import { Type, type Static, type TSchema } from 'typebox';
import { ProcessStep } from '../domain/catalog/model.ts';
import {
  channels,
  dossierActions,
  dossierStatuses,
  paperDeliveries,
  quickRatings,
  ratingCriteria,
  resultMethods,
  type DossierAction,
  type RatingCriterion,
} from '../domain/dossier/index.ts';
import { AgencyCode, Instant, IsoDate, NullableString, StringEnum } from './common.ts';

/** An instant as the server writes it (`toISOString`). */
const At = Type.String({ format: 'date-time' });
const NullableAt = Type.Union([At, Type.Null()]);
const Named = (title: string) =>
  Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false, title });
const StatusName = Type.Object(
  { vi: Type.String(), en: Type.String() },
  { additionalProperties: false, title: 'StatusName' },
);

// ---------------------------------------------------------------------------------------------------------
// Pieces

export const FileView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    fileName: Type.String(),
    mediaType: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
    uploadedAt: At,
  },
  { additionalProperties: false, title: 'DossierFile' },
);
export type FileView = Static<typeof FileView>;

/**
 * Where a dossier stands against its due time (domain `dossierStanding`). Times are epoch milliseconds.
 */
export const DossierStanding = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('not_received') },
      { additionalProperties: false, description: 'Draft, submitted or awaiting a supplement at intake' },
    ),
    Type.Object(
      { kind: StringEnum(['refused', 'withdrawn', 'stopped'] as const) },
      { additionalProperties: false, description: 'Counted apart' },
    ),
    Type.Object(
      {
        kind: Type.Literal('finished'),
        outcome: StringEnum(['early', 'on_time', 'late'] as const),
        finishedAt: Type.Number({ description: 'Epoch milliseconds' }),
        dueAt: Type.Number({ description: 'Epoch milliseconds' }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('open'),
        standing: StringEnum(['within_deadline', 'overdue'] as const),
        dueAt: Type.Number({ description: 'Epoch milliseconds' }),
        remainingWorkingMinutes: Type.Number({
          description: 'Signed working minutes to the due time; frozen while the clock is paused',
        }),
        paused: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
  ],
  { title: 'DossierStanding' },
);
export type DossierStanding = Static<typeof DossierStanding>;

/** The applicant as kept with the dossier (typed at intake). */
export const Applicant = Type.Object(
  {
    kind: StringEnum(['citizen', 'business'] as const),
    name: Type.String(),
    personalId: NullableString,
    taxCode: NullableString,
    organizationName: NullableString,
    phone: NullableString,
    email: NullableString,
    address: NullableString,
    capacity: StringEnum(['owner', 'filer', 'representative'] as const, {
      description: 'owner (chủ hồ sơ), filer (người nộp thay), representative (người được ủy quyền)',
    }),
    representative: Type.Union([
      Type.Object(
        { name: Type.String(), personalId: NullableString, phone: NullableString },
        { additionalProperties: false, title: 'ApplicantRepresentative' },
      ),
      Type.Null(),
    ]),
    authorisation: Type.Union([
      Type.Object(
        { number: Type.String(), date: NullableString, issuer: NullableString },
        { additionalProperties: false, title: 'Authorisation', description: 'Giấy ủy quyền' },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false, title: 'Applicant' },
);
export type Applicant = Static<typeof Applicant>;

/** A request for another agency's opinion (liên thông) and its answer; an asked agency sees only its own. */
export const OpinionBranch = Type.Object(
  {
    agencyCode: Type.String(),
    agencyName: Type.String(),
    sentAt: At,
    question: NullableString,
    replyDueAt: NullableAt,
    requestFiles: Type.Array(FileView),
    answeredAt: NullableAt,
    result: NullableString,
    note: NullableString,
    replyFiles: Type.Array(FileView),
  },
  { additionalProperties: false, title: 'OpinionBranch' },
);
export type OpinionBranch = Static<typeof OpinionBranch>;

export const DossierComponent = Type.Object(
  {
    idx: Type.Integer({ description: 'The index files and the desk check refer to' }),
    name: Type.String(),
    required: Type.Boolean(),
    originals: Type.Integer(),
    copies: Type.Integer(),
    fromNationalDb: Type.Boolean(),
    provided: Type.Boolean({ description: 'Checked by the desk: it was there at intake' }),
    files: Type.Array(FileView),
  },
  { additionalProperties: false, title: 'DossierComponent' },
);
export type DossierComponent = Static<typeof DossierComponent>;

export const HistoryEntry = Type.Object(
  {
    seq: Type.Integer(),
    at: At,
    action: StringEnum(dossierActions),
    actor: Type.Object(
      {
        id: Type.String(),
        name: NullableString,
        role: Type.String({ description: 'A staff role, applicant, cooperating_officer or system' }),
        agencyCode: NullableString,
        agencyName: NullableString,
      },
      { additionalProperties: false, title: 'HistoryActor' },
    ),
    from: StringEnum(dossierStatuses),
    to: StringEnum(dossierStatuses),
    // The action's own data (domain `ActionData[action]`, one shape per action; times in epoch ms), with
    // account ids the caller may not see set to null. Passed through as stored.
    data: Type.Unsafe<Record<string, unknown> | null>({
      description: 'The data of the action, as ActionData in src/domain/dossier/model.ts',
    }),
    assignee: Type.Union(
      [
        Type.Object({ name: Type.String() }, { additionalProperties: false, title: 'HistoryAssignee' }),
        Type.Null(),
      ],
      { description: 'Who an assignment gave the dossier to (assign only)' },
    ),
    dueAt: Type.Union([At, Type.Null()], { description: 'The due time, when this event changed it' }),
  },
  { additionalProperties: false, title: 'HistoryEntry' },
);
export type HistoryEntry = Static<typeof HistoryEntry>;

export const Rating = Type.Object(
  {
    quick: StringEnum(quickRatings),
    criteria: Type.Unsafe<Record<RatingCriterion, number>>(
      Type.Object(
        Object.fromEntries(ratingCriteria.map((c) => [c, Type.Integer({ minimum: 0, maximum: 2 })])),
        {
          additionalProperties: false,
        },
      ),
    ),
    comment: NullableString,
  },
  { additionalProperties: false, title: 'Rating' },
);

// ---------------------------------------------------------------------------------------------------------
// Answers

/** A dossier as staff and its applicant see it (GET /api/v1/dossiers/{ref} and every write on a dossier). */
export const Dossier = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: NullableString,
    version: Type.Integer(),
    status: StringEnum(dossierStatuses),
    statusName: StatusName,
    nationalStatusCode: Type.Union([Type.Integer(), Type.Null()]),
    channel: StringEnum(channels),
    nationalChannelCode: Type.Integer(),
    procedure: Type.Object(
      {
        code: Type.String(),
        name: Type.String(),
        versionId: Type.Integer(),
        caseIndex: Type.Union([Type.Integer(), Type.Null()]),
        caseName: NullableString,
      },
      { additionalProperties: false, title: 'DossierProcedure' },
    ),
    agency: Named('DossierAgency'),
    intakeAgency: Type.Union([Named('DossierAgency'), Type.Null()]),
    applicant: Applicant,
    applicantUserId: Type.Union([Type.String(), Type.Null()], {
      description: 'The applicant’s account: only to themselves (and administrators)',
    }),
    waybill: NullableString,
    createdAt: At,
    submittedAt: NullableAt,
    receivedAt: NullableAt,
    dueAt: NullableAt,
    originalDueAt: NullableAt,
    resolvedAt: NullableAt,
    returnedAt: NullableAt,
    closedAt: NullableAt,
    standing: DossierStanding,
    assignee: Type.Union([
      Type.Object(
        { id: Type.String(), name: Type.String() },
        { additionalProperties: false, title: 'Assignee' },
      ),
      Type.Null(),
    ]),
    currentStep: Type.Union(
      [
        Type.Object(
          {
            index: Type.Union([Type.Integer(), Type.Null()], {
              description: 'Null once the process is done',
            }),
            step: Type.Union([ProcessStep, Type.Null()]),
            total: Type.Integer(),
          },
          { additionalProperties: false, title: 'CurrentStep' },
        ),
        Type.Null(),
      ],
      { description: 'Null before the dossier is forwarded' },
    ),
    cooperation: Type.Array(OpinionBranch),
    agencyNames: Type.Record(Type.String(), Type.String(), {
      description: 'Names of the agencies the dossier and its history mention, by identifier',
    }),
    opinionOnly: Type.Boolean({
      description: 'The caller sees the dossier only as an agency asked for its opinion',
    }),
    supplementRequests: Type.Integer(),
    supplementDueAt: Type.Union([At, Type.Null()], {
      description: 'While a supplement is awaited, when the procedure closes the dossier without it',
    }),
    resultNumber: NullableString,
    rating: Type.Union([Rating, Type.Null()]),
    components: Type.Array(DossierComponent),
    resultFiles: Type.Array(FileView),
    supplements: Type.Array(
      Type.Object(
        {
          seq: Type.Integer({ description: "The supplement request's history entry" }),
          at: At,
          reason: Type.String(),
          items: Type.Array(
            Type.Object(
              {
                itemIdx: Type.Integer({ minimum: 0 }),
                item: Type.String(),
                componentIdx: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
                  description: 'The component the item names; null for another paper, with a slot of its own',
                }),
                files: Type.Array(FileView),
              },
              { additionalProperties: false, title: 'SupplementItem' },
            ),
          ),
        },
        { additionalProperties: false, title: 'SupplementRequest' },
      ),
      {
        description:
          "Each supplement request with the files supplied for each item: a component's files handed in since, or the item's own slot",
      },
    ),
    history: Type.Array(HistoryEntry),
    actions: Type.Array(StringEnum(dossierActions), { description: 'The actions the caller may take now' }),
  },
  { additionalProperties: false, title: 'Dossier' },
);
export type DossierView = Static<typeof Dossier>;
export type SupplementRequestView = DossierView['supplements'][number];

export const DossierListItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: NullableString,
    status: StringEnum(dossierStatuses),
    statusName: StatusName,
    nationalStatusCode: Type.Union([Type.Integer(), Type.Null()]),
    channel: StringEnum(channels),
    procedure: Named('DossierProcedureRef'),
    agency: Named('DossierAgency'),
    applicantName: Type.String(),
    submittedAt: NullableAt,
    receivedAt: NullableAt,
    dueAt: NullableAt,
    resolvedAt: NullableAt,
    assigneeId: Type.Union([Type.String(), Type.Null()]),
    standing: DossierStanding,
    nearDue: Type.Boolean({ description: 'Open and due within one working day' }),
    version: Type.Integer(),
  },
  { additionalProperties: false, title: 'DossierListItem' },
);
export type DossierListItem = Static<typeof DossierListItem>;

export const DossierList = Type.Object(
  {
    items: Type.Array(DossierListItem),
    total: Type.Integer(),
    totalIsCapped: Type.Boolean({ description: 'More than 10,000 dossiers match; total is 10,000' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false, title: 'DossierList' },
);
export type DossierList = Static<typeof DossierList>;

/** Public tracking (tra cứu): personal data only to the applicant or with the last four digits. */
export const TrackingResult = Type.Object(
  {
    code: Type.String(),
    status: StringEnum(dossierStatuses),
    statusName: StatusName,
    nationalStatusCode: Type.Union([Type.Integer(), Type.Null()]),
    procedure: Named('DossierProcedureRef'),
    agency: Type.Object({ name: Type.String() }, { additionalProperties: false, title: 'TrackingAgency' }),
    submittedAt: NullableAt,
    receivedAt: NullableAt,
    dueAt: NullableAt,
    resolvedAt: NullableAt,
    returnedAt: NullableAt,
    collectAt: Type.Object(
      { name: Type.String(), address: NullableString, phone: NullableString },
      {
        additionalProperties: false,
        title: 'CollectAt',
        description:
          'Where the result is collected: the desk that received the dossier, else the resolving agency',
      },
    ),
    steps: Type.Array(
      Type.Object(
        { at: At, action: Type.String(), vi: Type.String(), en: Type.String() },
        { additionalProperties: false, title: 'TrackingStep' },
      ),
    ),
    applicant: Type.Object(
      {
        name: Type.String({ description: 'Masked unless personalData' }),
        phone: Type.Optional(NullableString),
        email: Type.Optional(NullableString),
        address: Type.Optional(NullableString),
      },
      { additionalProperties: false, title: 'TrackingApplicant' },
    ),
    personalData: Type.Boolean(),
  },
  { additionalProperties: false, title: 'TrackingResult' },
);
export type TrackingResult = Static<typeof TrackingResult>;

/** Statuses, channels and actions with their names and the national portal codes. */
export const DossierCodes = Type.Object(
  {
    statuses: Type.Array(
      Type.Object(
        {
          status: StringEnum(dossierStatuses),
          nationalCode: Type.Union([Type.Integer(), Type.Null()]),
          vi: Type.String(),
          en: Type.String(),
          terminal: Type.Boolean(),
        },
        { additionalProperties: false, title: 'StatusCode' },
      ),
    ),
    channels: Type.Array(
      Type.Object(
        { channel: StringEnum(channels), nationalCode: Type.Integer(), vi: Type.String(), en: Type.String() },
        { additionalProperties: false, title: 'ChannelCode' },
      ),
    ),
    actions: Type.Array(
      Type.Object(
        {
          action: StringEnum(dossierActions),
          vi: Type.String(),
          en: Type.String(),
          form: Type.Union([Type.String(), Type.Null()], {
            description: 'The printable form the action issues',
          }),
        },
        { additionalProperties: false, title: 'ActionCode' },
      ),
    ),
  },
  { additionalProperties: false, title: 'DossierCodes' },
);
export type DossierCodes = Static<typeof DossierCodes>;

/** A person found by personal ID number at the desk: only the applicant form's fields. */
export const ApplicantMatch = Type.Object(
  {
    source: StringEnum(['account', 'dossier'] as const, {
      description:
        'account: the citizen’s own account; dossier: the latest earlier dossier at the caller’s desks',
    }),
    name: Type.String(),
    phone: NullableString,
    email: NullableString,
    address: NullableString,
  },
  { additionalProperties: false, title: 'ApplicantMatch' },
);
export type ApplicantMatch = Static<typeof ApplicantMatch>;

export const ApplicantLookup = Type.Object(
  { matches: Type.Array(ApplicantMatch) },
  { additionalProperties: false, title: 'ApplicantLookup' },
);
export type ApplicantLookup = Static<typeof ApplicantLookup>;

// ---------------------------------------------------------------------------------------------------------
// Request bodies

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const TextList = (max: number) => Type.Array(Text(max), { minItems: 1, maxItems: 200 });
const OpinionAttachments = Type.Array(Type.String({ format: 'uuid' }), {
  maxItems: 20,
  uniqueItems: true,
  description: 'Ids of files uploaded with PUT /api/v1/dossiers/{ref}/opinion-files/{request|reply}',
});
export const Version = Type.Optional(
  Type.Integer({ minimum: 0, description: 'The dossier version you saw; another one is answered 409' }),
);

export const ApplicantInput = Type.Object(
  {
    kind: Type.Optional(StringEnum(['citizen', 'business'] as const)),
    name: Type.Optional(Text(200)),
    personalId: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{12}$' }), Type.Null()])),
    taxCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{10}(-\\d{3})?$' }), Type.Null()])),
    organizationName: Type.Optional(Type.Union([Text(300), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    address: Type.Optional(Type.Union([Text(500), Type.Null()])),
    capacity: Type.Optional(
      StringEnum(['owner', 'filer', 'representative'] as const, {
        description: 'owner (chủ hồ sơ), filer (người nộp thay), representative (người được ủy quyền)',
      }),
    ),
    representative: Type.Optional(
      Type.Union([
        Type.Object(
          {
            name: Text(200),
            personalId: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{12}$' }), Type.Null()])),
            phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' }), Type.Null()])),
          },
          { additionalProperties: false, title: 'RepresentativeInput' },
        ),
        Type.Null(),
      ]),
    ),
    authorisation: Type.Optional(
      Type.Union([
        Type.Object(
          {
            number: Text(100),
            date: Type.Optional(Type.Union([IsoDate, Type.Null()])),
            issuer: Type.Optional(Type.Union([Text(300), Type.Null()])),
          },
          {
            additionalProperties: false,
            title: 'AuthorisationInput',
            description: 'The authorising document (giấy ủy quyền)',
          },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false, title: 'ApplicantInput' },
);

export const CreateDossier = Type.Object(
  {
    procedure: Type.String({ minLength: 1, maxLength: 60, description: 'Procedure code' }),
    caseIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 49 }), Type.Null()])),
    agency: Type.Optional(AgencyCode),
    channel: StringEnum(channels),
    intakeAgency: Type.Optional(AgencyCode),
    applicant: Type.Optional(ApplicantInput),
    waybill: Type.Optional(Text(50)),
    submit: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false, title: 'CreateDossier' },
);
export type CreateDossierBody = Static<typeof CreateDossier>;

export const UpdateDraft = Type.Object(
  { version: Version, applicant: Type.Optional(ApplicantInput), waybill: Type.Optional(Text(50)) },
  { additionalProperties: false, title: 'UpdateDraft' },
);

/** The fields of each action's body: what the caller types; the server adds code, deadline and agency. */
export const actionBodies = {
  submit: {},
  receive: {
    provided: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 199 }), {
        maxItems: 200,
        description: 'Components found present at the desk',
      }),
    ),
  },
  request_supplement: { items: TextList(1000), reason: Text(2000) },
  refuse: { reasons: TextList(1000) },
  provide_supplement: { items: TextList(1000) },
  forward: {},
  assign: { assigneeId: Type.String({ format: 'uuid' }) },
  complete_step: { note: Type.Optional(Text(2000)) },
  return_step: { reason: Text(2000) },
  send_to_cooperating: {
    agencies: Type.Array(AgencyCode, { minItems: 1, maxItems: 20 }),
    question: Text(2000),
    replyWorkingDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 60,
        description: 'Working days the asked agencies have to answer, by each one’s calendar (default 3)',
      }),
    ),
    attachments: Type.Optional(OpinionAttachments),
  },
  cooperating_result: {
    result: Text(2000),
    note: Type.Optional(Text(2000)),
    attachments: Type.Optional(OpinionAttachments),
  },
  approve: { note: Type.Optional(Text(2000)) },
  issue: { resultNumber: Text(100), electronic: Type.Optional(Type.Boolean()) },
  request_financial_obligation: {
    noticeNumber: Text(100),
    amountVnd: Type.Integer({ minimum: 0, maximum: 1e12 }),
  },
  record_payment: { amountVnd: Type.Integer({ minimum: 0, maximum: 1e12 }), transactionId: Text(200) },
  apologize: { reason: Text(2000), newDueAt: Instant },
  request_withdrawal: { reason: Text(2000) },
  stop: { reason: Text(2000) },
  return_result: {
    methods: Type.Array(StringEnum(resultMethods), { minItems: 1, maxItems: 2 }),
    delivery: Type.Optional(StringEnum(paperDeliveries)),
    receivedBy: Type.Optional(Text(200)),
    receivedAt: Type.Optional(Instant),
  },
  rate: {
    quick: StringEnum(quickRatings),
    criteria: Type.Object(
      Object.fromEntries(ratingCriteria.map((c) => [c, Type.Integer({ minimum: 0, maximum: 2 })])),
      { additionalProperties: false },
    ),
    comment: Type.Optional(Text(2000)),
  },
} satisfies Record<Exclude<DossierAction, 'save_draft'>, Record<string, TSchema>>;

/** The body of POST /api/v1/dossiers/{ref}/actions/{action}. */
export function actionBody(action: keyof typeof actionBodies) {
  return Type.Object({ version: Version, ...actionBodies[action] }, { additionalProperties: false });
}

export const ApplicantLookupBody = Type.Object(
  { personalId: Type.String({ pattern: '^\\d{12}$' }) },
  { additionalProperties: false, title: 'ApplicantLookupBody' },
);
