/**
 * The procedure catalog's data model: one TypeBox schema per shape, which is at once the TypeScript
 * type, the validator of the API and of catalog files, and the OpenAPI entry. Pure data, no I/O.
 */
import { Type, type Static, type TUnsafe } from 'typebox';
import { MAX_AMOUNT, type DurationUnit } from '../calendar/index.ts';
import { IsoDate } from '../formats.ts';

function Enum<const T extends readonly string[]>(values: T, description?: string): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    ...(description ? { description } : {}),
  });
}

export const durationUnits = [
  'working_hours',
  'working_days',
  'calendar_days',
  'months',
] as const satisfies readonly DurationUnit[];
/** Level of government that resolves the procedure; `district` only in older data. */
export const procedureLevels = ['province', 'commune', 'district'] as const;
export type ProcedureLevel = (typeof procedureLevels)[number];
export const onlineLevels = ['full', 'partial'] as const;
export type OnlineLevel = (typeof onlineLevels)[number];
export const methodKinds = ['in_person', 'postal', 'online'] as const;
export type MethodKind = (typeof methodKinds)[number];
export const stepRoles = ['receive', 'assign', 'handle', 'cooperate', 'approve', 'issue', 'return'] as const;
export type StepRole = (typeof stepRoles)[number];

export const procedureLevelNames = {
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
  district: { vi: 'Cấp huyện', en: 'District' },
} as const satisfies Record<ProcedureLevel, { vi: string; en: string }>;
export const stepRoleNames = {
  receive: { vi: 'Tiếp nhận', en: 'Receive' },
  assign: { vi: 'Phân công', en: 'Assign' },
  handle: { vi: 'Thụ lý, thẩm định', en: 'Handle' },
  cooperate: { vi: 'Phối hợp (liên thông)', en: 'Cooperate' },
  approve: { vi: 'Phê duyệt, ký', en: 'Approve' },
  issue: { vi: 'Vào sổ, phát hành', en: 'Issue' },
  return: { vi: 'Trả kết quả', en: 'Return result' },
} as const satisfies Record<StepRole, { vi: string; en: string }>;

/** National codes: `1.001193`, `2.000xxx`, local variants with suffixes such as `1.001193.H18`. */
export const PROCEDURE_CODE_PATTERN = '^[0-9]\\.[0-9]{6}(\\.[0-9A-Z]{1,20}){0,4}$';
export const procedureCodeRe = new RegExp(PROCEDURE_CODE_PATTERN);
export const FIELD_CODE_PATTERN = '^[A-Z0-9_]{2,30}$';

export const ProcedureCode = Type.String({
  pattern: PROCEDURE_CODE_PATTERN,
  maxLength: 60,
  description: 'National procedure code, e.g. 1.001193 (local variants: 1.001193.H20)',
  examples: ['1.001193'],
});
export { IsoDate };
const AgencyCodeText = Type.String({ pattern: '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$' });
const Text = (max: number) => Type.String({ maxLength: max });
const Name = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const Duration = Type.Object(
  {
    amount: Type.Number({ minimum: 0, maximum: MAX_AMOUNT.working_hours }),
    unit: Enum(durationUnits),
  },
  { additionalProperties: false, description: 'An amount in one of the calendar engine’s units' },
);
export type Duration = Static<typeof Duration>;

export const Fee = Type.Object(
  {
    name: Name(300),
    /** VND; null when the amount is not a fixed sum (e.g. a percentage), described in `note`. */
    amountVnd: Type.Union([Type.Integer({ minimum: 0, maximum: 1e12 }), Type.Null()]),
    note: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type Fee = Static<typeof Fee>;

export const Method = Type.Object(
  {
    kind: Enum(methodKinds, 'in_person | postal | online'),
    deadline: Duration,
    fees: Type.Array(Fee, { maxItems: 50 }),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type Method = Static<typeof Method>;

export const Component = Type.Object(
  {
    name: Name(1000),
    required: Type.Boolean(),
    originals: Type.Integer({ minimum: 0, maximum: 100 }),
    copies: Type.Integer({ minimum: 0, maximum: 100 }),
    formTemplateId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    /** May be taken from the national databases (population, civil status…) instead of being asked for. */
    fromNationalDb: Type.Boolean(),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type Component = Static<typeof Component>;

export const LegalDocument = Type.Object(
  {
    number: Name(100),
    date: Type.Union([IsoDate, Type.Null()]),
    issuer: Text(300),
    title: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type LegalDocument = Static<typeof LegalDocument>;

export const ProcedureCase = Type.Object(
  {
    name: Name(1000),
    deadline: Duration,
    fees: Type.Array(Fee, { maxItems: 50 }),
    components: Type.Array(Component, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ProcedureCase = Static<typeof ProcedureCase>;

/** Everything a published procedure states (NĐ 63/2010 Art. 8), as one immutable document per version. */
export const ProcedureContent = Type.Object(
  {
    name: Name(1000),
    field: Type.String({ pattern: FIELD_CODE_PATTERN, description: 'Field (lĩnh vực) code' }),
    level: Enum(procedureLevels),
    agencies: Type.Array(AgencyCodeText, { minItems: 1, maxItems: 50, description: 'Implementing agencies' }),
    decision: Type.Union([LegalDocument, Type.Null()], {
      description: 'The decision that published this procedure',
    }),
    steps: Text(20000),
    methods: Type.Array(Method, { maxItems: 3 }),
    components: Type.Array(Component, { maxItems: 200 }),
    deadline: Duration,
    fees: Type.Array(Fee, { maxItems: 50 }),
    applicants: Text(5000),
    result: Type.Object(
      { description: Text(2000), paper: Type.Boolean(), electronic: Type.Boolean() },
      { additionalProperties: false },
    ),
    requirements: Text(20000),
    legalBasis: Type.Array(LegalDocument, { maxItems: 100 }),
    onlineLevel: Enum(onlineLevels, 'full (toàn trình) | partial (một phần)'),
    fullOnlineEligible: Type.Boolean(),
    notBoundToBoundary: Type.Boolean({ description: 'Not tied to the administrative boundary' }),
    cases: Type.Array(ProcedureCase, { maxItems: 50 }),
    closeUnsuppliedAfter: Type.Optional(
      Type.Object(Duration.properties, {
        additionalProperties: false,
        description:
          'Sector rule: a dossier whose requested supplement has not come this long after the request ' +
          '(calendar engine units) is closed automatically: refused at intake, stopped during ' +
          'appraisal. Absent: the dossier waits for the desk.',
      }),
    ),
  },
  { additionalProperties: false, title: 'ProcedureContent' },
);
export type ProcedureContent = Static<typeof ProcedureContent>;

export const ProcessStep = Type.Object(
  {
    role: Enum(stepRoles),
    description: Type.Optional(Text(1000)),
    unit: Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()], {
      description: 'A unit (phòng) of the agency, by name',
    }),
    cooperatingAgency: Type.Union([AgencyCodeText, Type.Null()], {
      description: 'Another agency doing this step (joint processing)',
    }),
    budget: Duration,
    parallelGroup: Type.Union([Type.String({ minLength: 1, maxLength: 30 }), Type.Null()], {
      description: 'Consecutive steps of one group run in parallel; the group counts its longest branch',
    }),
    branch: Type.Union([Type.String({ minLength: 1, maxLength: 30 }), Type.Null()], {
      description: 'Steps of one group with the same branch run one after another (default: own branch)',
    }),
  },
  { additionalProperties: false },
);
export type ProcessStep = Static<typeof ProcessStep>;
