// The reports' answers: the period report (Biểu 06) and its drill-down, the dashboard, catalog metrics,
// the QĐ 766 service index and satisfaction. Every answer is closed: a field the server adds must be added here.
import { Type, type Static, type TSchema } from 'typebox';
import { dossierStatuses } from '../domain/dossier/model.ts';
import { quickRatings, ratingCriteria } from '../domain/dossier/model.ts';
import { periodCells } from '../domain/statistics/period-report.ts';
import { bandKeys } from '../domain/statistics/satisfaction.ts';
import { indicatorGroupIds } from '../domain/statistics/service-index.ts';
import { AgencyCode, StringEnum } from './common.ts';

export const reportGroupings = ['procedure', 'field', 'agency', 'level'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];
export const satisfactionGroupings = ['procedure', 'officer', 'agency'] as const;

/** The statuses the dashboard counts, in the order of the life cycle. */
export const dashboardStatuses = [
  'submitted',
  'supplement_requested_at_intake',
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
  'resolved',
  'returned',
  'refused',
  'stopped',
] as const satisfies readonly (typeof dossierStatuses)[number][];

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const closed = (title: string) => ({ title, additionalProperties: false as const });
const Text = Type.Object({ vi: Type.String(), en: Type.String() }, closed('Text'));
const Lines = Type.Object({ vi: Type.Array(Type.String()), en: Type.Array(Type.String()) }, closed('Lines'));
const Share = Nullable(
  Type.Number({ description: 'In [0, 1], 4 places; null when there is nothing to divide by' }),
);
const CodeName = Type.Object({ code: Type.String(), name: Type.String() }, closed('CodeName'));

const ReportBase = {
  agency: AgencyCode,
  agencyName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subtree: Type.Boolean(),
};

// ——— Period report (Biểu 06/VPCP/KSTT) ———

const PeriodFigures = {
  received: Type.Object(
    {
      total: Type.Integer({ description: 'In the period and carried over' }),
      inPeriod: Type.Integer(),
      online: Type.Integer(),
      inPersonOrPostal: Type.Integer(),
      inPerson: Type.Integer(),
      postal: Type.Integer(),
      carriedOver: Type.Integer(),
    },
    closed('ReceivedFigures'),
  ),
  resolved: Type.Object(
    { total: Type.Integer(), early: Type.Integer(), onTime: Type.Integer(), late: Type.Integer() },
    closed('ResolvedFigures'),
  ),
  inProgress: Type.Object(
    { total: Type.Integer(), withinDeadline: Type.Integer(), overdue: Type.Integer() },
    closed('InProgressFigures'),
  ),
  other: Type.Object(
    { refused: Type.Integer(), withdrawn: Type.Integer(), stopped: Type.Integer() },
    closed('OtherFigures'),
  ),
  rates: Type.Object({ onlineShare: Share, onTimeShare: Share }, closed('Rates')),
};

export const PeriodGroup = Type.Object(
  { key: Type.String(), name: Type.String(), ...PeriodFigures },
  closed('PeriodGroup'),
);
export type PeriodGroup = Static<typeof PeriodGroup>;

export const PeriodReport = Type.Object(
  {
    ...ReportBase,
    endsAt: Type.String({
      format: 'date-time',
      description: 'The instant the figures are counted at: the end of `to`, or the report’s time if earlier',
    }),
    ongoing: Type.Boolean({ description: 'The period had not ended: figures are as of `endsAt`' }),
    groupBy: Nullable(StringEnum(reportGroupings)),
    ...PeriodFigures,
    groups: Type.Array(PeriodGroup),
    addsUp: Type.Boolean({ description: 'The groups add up to the total' }),
    definitions: Lines,
  },
  closed('PeriodReport'),
);
export type PeriodReport = Static<typeof PeriodReport>;

export const PeriodDrillItem = Type.Object(
  {
    source: StringEnum(['dossier', 'history'] as const, {
      description: 'history: a line of imported history (no dossier page)',
    }),
    id: Type.String(),
    code: Nullable(Type.String()),
    agency: CodeName,
    procedure: CodeName,
    applicantName: Nullable(Type.String()),
    channel: StringEnum(['online', 'in_person', 'postal'] as const),
    status: Type.String({ description: "The dossier's status or the imported line's outcome" }),
    receivedAt: Nullable(Type.String({ format: 'date-time' })),
    dueAt: Nullable(Type.String({ format: 'date-time' })),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  closed('PeriodDrillItem'),
);
export type PeriodDrillItem = Static<typeof PeriodDrillItem>;

export const PeriodDrill = Type.Object(
  {
    ...ReportBase,
    endsAt: Type.String({ format: 'date-time' }),
    ongoing: Type.Boolean(),
    groupBy: Nullable(StringEnum(reportGroupings)),
    group: Nullable(Type.String()),
    groupName: Nullable(Type.String({ description: "The row's name as the report shows it" })),
    cell: StringEnum(periodCells),
    total: Type.Integer({ description: 'Equals the figure of the report for the same query' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(PeriodDrillItem),
  },
  closed('PeriodDrill'),
);
export type PeriodDrill = Static<typeof PeriodDrill>;

// ——— Catalog metrics ———

const CountAndShare = Type.Object(
  { count: Type.Integer(), share: Share, of: Type.Integer() },
  closed('CountAndShare'),
);
const CatalogFigures = {
  implemented: Type.Integer({ description: 'Procedures implemented (versions in force on the last day)' }),
  fullyOnline: CountAndShare,
  fullyOnlineWithOnlineDossiers: CountAndShare,
  withFees: CountAndShare,
  onlinePayment: Type.Object(
    {
      count: Type.Integer(),
      share: Share,
      of: Type.Integer(),
      derived: Type.Boolean({ description: 'Always true: derived from the catalog, see rule' }),
      rule: Text,
    },
    closed('OnlinePayment'),
  ),
};
export const CatalogMetrics = Type.Object(
  {
    ...ReportBase,
    catalogDay: Type.String(),
    ...CatalogFigures,
    summary: Lines,
    procedures: Type.Array(
      Type.Object(
        {
          code: Type.String(),
          name: Type.String(),
          onlineLevel: StringEnum(['full', 'partial'] as const),
          hasFee: Type.Boolean(),
          payableOnline: Type.Boolean(),
          received: Type.Integer(),
          receivedOnline: Type.Integer(),
        },
        closed('CatalogMetricsProcedure'),
      ),
    ),
    groups: Type.Array(
      Type.Object(
        { key: Type.String(), name: Type.String(), ...CatalogFigures },
        closed('CatalogMetricsGroup'),
      ),
    ),
  },
  closed('CatalogMetrics'),
);
export type CatalogMetrics = Static<typeof CatalogMetrics>;

// ——— QĐ 766 service index ———

const Ratio = Type.Object({ numerator: Type.Integer(), denominator: Type.Integer() }, closed('Ratio'));
export const ServiceIndex = Type.Object(
  {
    ...ReportBase,
    counts: Type.Object(
      {
        onTime: Ratio,
        onlineDossiers: Ratio,
        fullOnlineProcedures: Ratio,
        onlinePaymentProcedures: Ratio,
        proceduresWithOnlinePayment: Ratio,
        dossiersPaidOnline: Ratio,
        electronicResults: Ratio,
        digitizedDossiers: Ratio,
        notSatisfied: Ratio,
      },
      closed('ServiceIndexCounts'),
    ),
    indicators: Type.Array(
      Type.Object(
        {
          no: Type.String(),
          key: Type.String(),
          group: StringEnum(indicatorGroupIds),
          name: Text,
          maxPoints: Type.Number(),
          threshold: Type.Number(),
          formula: Type.Object({ rate: Text, scoring: Text }, closed('IndicatorFormula')),
          rule: Nullable(Text),
          status: StringEnum(['ok', 'no_data'] as const),
          rate: Type.Optional(Type.Number()),
          numerator: Type.Optional(Nullable(Type.Integer())),
          denominator: Type.Optional(Nullable(Type.Integer())),
          parts: Type.Optional(Nullable(Type.Record(Type.String(), Type.Number()))),
          points: Type.Optional(Type.Number()),
          reason: Type.Optional(StringEnum(['not_tracked', 'nothing_to_measure'] as const)),
          note: Type.Optional(Text),
        },
        closed('Indicator'),
      ),
    ),
    groups: Type.Array(
      Type.Object(
        {
          id: StringEnum(indicatorGroupIds),
          no: Type.Integer(),
          name: Text,
          maxPoints: Type.Number(),
          availablePoints: Type.Number(),
          points: Type.Number(),
        },
        closed('IndicatorGroup'),
      ),
    ),
    totals: Type.Object(
      {
        points: Type.Number(),
        maxPoints: Type.Number(),
        availablePoints: Type.Number(),
        shareOfAvailable: Share,
        measured: Type.Integer(),
        noData: Type.Integer(),
      },
      closed('ServiceIndexTotals'),
    ),
  },
  closed('ServiceIndex'),
);
export type ServiceIndex = Static<typeof ServiceIndex>;

// ——— Satisfaction ———

const CountShare = Type.Object({ count: Type.Integer(), share: Share }, closed('CountShare'));
/** An object with one property of the same schema per key. */
const keyed = <const K extends readonly string[], T extends TSchema>(title: string, keys: K, schema: T) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, schema])) as Record<K[number], T>, closed(title));
const SatisfactionFigures = {
  count: Type.Integer(),
  quick: keyed('QuickRatings', quickRatings, CountShare),
  averageScore: Nullable(Type.Number({ description: 'Mean total of the nine criteria, of 18' })),
  averageShare: Share,
  criteria: keyed('CriteriaAverages', ratingCriteria, Nullable(Type.Number({ description: 'Mean, 0–2' }))),
  bands: keyed('Bands', bandKeys, CountShare),
};
export const SatisfactionReport = Type.Object(
  {
    ...ReportBase,
    groupBy: Nullable(StringEnum(satisfactionGroupings)),
    ...SatisfactionFigures,
    groups: Type.Array(
      Type.Object(
        { key: Type.String(), name: Type.String(), ...SatisfactionFigures },
        closed('SatisfactionGroup'),
      ),
    ),
    bandDefinitions: Type.Array(
      Type.Object(
        { key: StringEnum(bandKeys), min: Type.Integer(), max: Type.Integer(), name: Text },
        closed('BandDefinition'),
      ),
    ),
    criterionNames: keyed('CriterionNames', ratingCriteria, Text),
  },
  closed('SatisfactionReport'),
);
export type SatisfactionReport = Static<typeof SatisfactionReport>;

// ——— Dashboard ———

/** One of the most overdue dossiers, as the dashboard lists them. */
export const DashboardDossier = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Nullable(Type.String()),
    status: StringEnum(dossierStatuses),
    statusName: Text,
    procedure: CodeName,
    agency: CodeName,
    applicantName: Type.String(),
    receivedAt: Nullable(Type.String()),
    dueAt: Nullable(Type.String()),
    nearDue: Type.Boolean({ description: 'Open and due within one working day' }),
  },
  closed('DashboardDossier'),
);
export type DashboardDossier = Static<typeof DashboardDossier>;

export const Dashboard = Type.Object(
  {
    agency: AgencyCode,
    subtree: Type.Boolean(),
    today: Type.String({ description: 'YYYY-MM-DD in Vietnam' }),
    weekFrom: Type.String({ description: '00:00 in Vietnam on Monday of this week' }),
    counts: Type.Object(
      {
        statuses: keyed('StatusCounts', dashboardStatuses, Type.Integer()),
        week: Type.Integer({ description: 'Received since weekFrom' }),
        open: Type.Integer(),
        overdue: Type.Integer(),
      },
      closed('DashboardCounts'),
    ),
    nearDue: Type.Object(
      {
        count: Type.Integer({ description: 'Open, less than a working day left (of the 200 due soonest)' }),
        more: Type.Boolean({ description: 'More than 200 were due in the next 14 days' }),
      },
      closed('NearDue'),
    ),
    overdue: Type.Object(
      {
        total: Type.Integer(),
        items: Type.Array(DashboardDossier, { description: 'The ten most overdue' }),
      },
      closed('Overdue'),
    ),
    year: Type.Object(
      { from: Type.String(), to: Type.String(), onTimeShare: Share },
      closed('DashboardYear'),
    ),
    trend: Type.Array(
      Type.Object(
        {
          from: Type.String(),
          to: Type.String(),
          label: Type.String(),
          received: Type.Integer(),
          resolved: Type.Integer(),
        },
        closed('TrendMonth'),
      ),
    ),
    index: ServiceIndex,
  },
  closed('Dashboard'),
);
export type Dashboard = Static<typeof Dashboard>;
