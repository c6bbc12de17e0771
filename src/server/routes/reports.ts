import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Db } from '../../db/client.ts';
import { quickRatings, ratingCriteria } from '../../domain/dossier/model.ts';
import { contentDisposition } from '../../domain/files/file-name.ts';
import { periodCells } from '../../domain/statistics/period-report.ts';
import { bandKeys } from '../../domain/statistics/satisfaction.ts';
import { indicatorGroupIds } from '../../domain/statistics/service-index.ts';
import type { PdfRenderer } from '../../features/pdf/pool.ts';
import { catalogMetrics } from '../../features/statistics/catalog-metrics.ts';
import { dashboard } from '../../features/statistics/dashboard.ts';
import { periodDrill } from '../../features/statistics/period-drill.ts';
import { periodReport, reportGroupings } from '../../features/statistics/period-report.ts';
import {
  catalogXlsx,
  resolutionPdf,
  resolutionXlsx,
  satisfactionXlsx,
  serviceIndexXlsx,
  type ReportFile,
} from '../../features/statistics/report-exports.ts';
import { satisfactionGroupings, satisfactionReport } from '../../features/statistics/satisfaction.ts';
import { serviceIndexReport } from '../../features/statistics/service-index.ts';
import { requirePrincipal } from '../auth.ts';
import { AgencyCode, IsoDate, Pagination, responses, StringEnum } from '../schemas.ts';

export const PeriodQuery = Type.Object(
  {
    agency: AgencyCode,
    from: IsoDate,
    to: IsoDate,
    subtree: Type.Optional(Type.Boolean({ description: 'Include the agencies below' })),
    groupBy: Type.Optional(StringEnum(reportGroupings)),
  },
  { additionalProperties: false },
);

/** The period report's query, a row (`groupBy` and `group`; none for the total) and a column (`cell`). */
export const PeriodDrillQuery = Type.Object(
  {
    agency: AgencyCode,
    from: IsoDate,
    to: IsoDate,
    subtree: Type.Optional(Type.Boolean({ description: 'Include the agencies below' })),
    groupBy: Type.Optional(StringEnum(reportGroupings)),
    group: Type.Optional(
      Type.String({
        maxLength: 100,
        description: "The row's key: agency or procedure code, field code, level; '' for unclassified",
      }),
    ),
    cell: StringEnum(periodCells, { description: 'The figure, as named in the report (section.name)' }),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const DashboardQuery = Type.Object(
  {
    agency: AgencyCode,
    subtree: Type.Optional(Type.Boolean({ description: 'The agencies below too (a supervisor’s view)' })),
  },
  { additionalProperties: false },
);

/** Agency, period and subtree: the catalog metrics and the 766 index. */
export const ScopeQuery = Type.Object(
  {
    agency: AgencyCode,
    from: IsoDate,
    to: IsoDate,
    subtree: Type.Optional(Type.Boolean({ description: 'Include the agencies below' })),
  },
  { additionalProperties: false },
);

export const SatisfactionQuery = Type.Object(
  {
    agency: AgencyCode,
    from: IsoDate,
    to: IsoDate,
    subtree: Type.Optional(Type.Boolean({ description: 'Include the agencies below' })),
    groupBy: Type.Optional(StringEnum(satisfactionGroupings)),
  },
  { additionalProperties: false },
);

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = Type.Object({ vi: Type.String(), en: Type.String() });
const Lines = Type.Object({ vi: Type.Array(Type.String()), en: Type.Array(Type.String()) });
const Share = Nullable(
  Type.Number({ description: 'In [0, 1], 4 places; null when there is nothing to divide by' }),
);

const ReportBase = {
  agency: AgencyCode,
  agencyName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subtree: Type.Boolean(),
};

const PeriodDrill = Type.Object(
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
    items: Type.Array(
      Type.Object({
        source: StringEnum(['dossier', 'history'], {
          description: 'history: a line of imported history (no dossier page)',
        }),
        id: Type.String(),
        code: Nullable(Type.String()),
        agency: Type.Object({ code: Type.String(), name: Type.String() }),
        procedure: Type.Object({ code: Type.String(), name: Type.String() }),
        applicantName: Nullable(Type.String()),
        channel: StringEnum(['online', 'in_person', 'postal']),
        status: Type.String({ description: "The dossier's status or the imported line's outcome" }),
        receivedAt: Nullable(Type.String({ format: 'date-time' })),
        dueAt: Nullable(Type.String({ format: 'date-time' })),
        finishedAt: Nullable(Type.String({ format: 'date-time' })),
      }),
    ),
  },
  { title: 'PeriodDrill' },
);

const CountAndShare = Type.Object({ count: Type.Integer(), share: Share, of: Type.Integer() });
const CatalogFigures = {
  implemented: Type.Integer({ description: 'Procedures implemented (versions in force on the last day)' }),
  fullyOnline: CountAndShare,
  fullyOnlineWithOnlineDossiers: CountAndShare,
  withFees: CountAndShare,
  onlinePayment: Type.Object({
    count: Type.Integer(),
    share: Share,
    of: Type.Integer(),
    derived: Type.Boolean({ description: 'Always true: derived from the catalog, see rule' }),
    rule: Text,
  }),
};
const CatalogReport = Type.Object(
  {
    ...ReportBase,
    catalogDay: Type.String(),
    ...CatalogFigures,
    summary: Lines,
    procedures: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        onlineLevel: StringEnum(['full', 'partial']),
        hasFee: Type.Boolean(),
        payableOnline: Type.Boolean(),
        received: Type.Integer(),
        receivedOnline: Type.Integer(),
      }),
    ),
    groups: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), ...CatalogFigures })),
  },
  { title: 'CatalogMetrics' },
);

const Ratio = Type.Object({ numerator: Type.Integer(), denominator: Type.Integer() });
const ServiceIndex = Type.Object(
  {
    ...ReportBase,
    counts: Type.Object({
      onTime: Ratio,
      onlineDossiers: Ratio,
      fullOnlineProcedures: Ratio,
      onlinePaymentProcedures: Ratio,
      proceduresWithOnlinePayment: Ratio,
      dossiersPaidOnline: Ratio,
      electronicResults: Ratio,
      digitizedDossiers: Ratio,
      notSatisfied: Ratio,
    }),
    indicators: Type.Array(
      Type.Object({
        no: Type.String(),
        key: Type.String(),
        group: StringEnum(indicatorGroupIds),
        name: Text,
        maxPoints: Type.Number(),
        threshold: Type.Number(),
        formula: Type.Object({ rate: Text, scoring: Text }),
        rule: Nullable(Text),
        status: StringEnum(['ok', 'no_data']),
        rate: Type.Optional(Type.Number()),
        numerator: Type.Optional(Nullable(Type.Integer())),
        denominator: Type.Optional(Nullable(Type.Integer())),
        parts: Type.Optional(Nullable(Type.Record(Type.String(), Type.Number()))),
        points: Type.Optional(Type.Number()),
        reason: Type.Optional(StringEnum(['not_tracked', 'nothing_to_measure'])),
        note: Type.Optional(Text),
      }),
    ),
    groups: Type.Array(
      Type.Object({
        id: StringEnum(indicatorGroupIds),
        no: Type.Integer(),
        name: Text,
        maxPoints: Type.Number(),
        availablePoints: Type.Number(),
        points: Type.Number(),
      }),
    ),
    totals: Type.Object({
      points: Type.Number(),
      maxPoints: Type.Number(),
      availablePoints: Type.Number(),
      shareOfAvailable: Share,
      measured: Type.Integer(),
      noData: Type.Integer(),
    }),
  },
  { title: 'ServiceIndex' },
);

const CountShare = Type.Object({ count: Type.Integer(), share: Share });
const keyed = <T extends TSchema>(keys: readonly string[], schema: T) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, schema])));
const SatisfactionFigures = {
  count: Type.Integer(),
  quick: keyed(quickRatings, CountShare),
  averageScore: Nullable(Type.Number({ description: 'Mean total of the nine criteria, of 18' })),
  averageShare: Share,
  criteria: keyed(ratingCriteria, Nullable(Type.Number({ description: 'Mean, 0–2' }))),
  bands: keyed(bandKeys, CountShare),
};
const SatisfactionReport = Type.Object(
  {
    ...ReportBase,
    groupBy: Nullable(StringEnum(satisfactionGroupings)),
    ...SatisfactionFigures,
    groups: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), ...SatisfactionFigures })),
    bandDefinitions: Type.Array(
      Type.Object({ key: StringEnum(bandKeys), min: Type.Integer(), max: Type.Integer(), name: Text }),
    ),
    criterionNames: keyed(ratingCriteria, Text),
  },
  { title: 'SatisfactionReport' },
);

function sendFile(reply: FastifyReply, file: ReportFile) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

export function reportRoutes(root: FastifyInstance, db: Db, pdf: PdfRenderer): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/reports/resolution',
    {
      schema: {
        tags: ['reports'],
        summary: 'Period report (Biểu 06/VPCP/KSTT): received, resolved, in progress, by group',
        querystring: PeriodQuery,
        response: responses({ 200: Type.Object({}, { additionalProperties: true, title: 'PeriodReport' }) }),
      },
    },
    async (request) => periodReport(db, requirePrincipal(request), request.query, Date.now()),
  );

  app.get(
    '/api/v1/reports/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Dashboard in one answer: counts by status, week, open, near due, overdue (and the ten most overdue), this year’s on-time share, six months of received and resolved, the QĐ 766 index',
        querystring: DashboardQuery,
        response: responses({ 200: Type.Object({}, { additionalProperties: true, title: 'Dashboard' }) }),
      },
    },
    async (request) => dashboard(db, requirePrincipal(request), request.query, Date.now()),
  );

  app.get(
    '/api/v1/reports/resolution/dossiers',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The dossiers behind one figure of the period report: the same count, the same definitions, paged',
        querystring: PeriodDrillQuery,
        response: responses({ 200: PeriodDrill }),
      },
    },
    async (request) => periodDrill(db, requirePrincipal(request), request.query, Date.now()),
  );

  app.get(
    '/api/v1/reports/catalog',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Catalog metrics: procedures implemented, fully online, with online dossiers, with fees, payable online',
        querystring: ScopeQuery,
        response: responses({ 200: CatalogReport }),
      },
    },
    async (request) => catalogMetrics(db, requirePrincipal(request), request.query, Date.now()),
  );

  app.get(
    '/api/v1/reports/service-index',
    {
      schema: {
        tags: ['reports'],
        summary: 'QĐ 766 service-quality index: every indicator with rate, threshold, points and formula',
        querystring: ScopeQuery,
        response: responses({ 200: ServiceIndex }),
      },
    },
    async (request) => serviceIndexReport(db, requirePrincipal(request), request.query, Date.now()),
  );

  app.get(
    '/api/v1/reports/satisfaction',
    {
      schema: {
        tags: ['reports'],
        summary: 'Satisfaction: ratings of the period, quick rating shares, criteria averages and bands',
        querystring: SatisfactionQuery,
        response: responses({ 200: SatisfactionReport }),
      },
    },
    async (request) => satisfactionReport(db, requirePrincipal(request), request.query, Date.now()),
  );

  const fileResponses = () => responses({}, [400, 401, 403, 404]);
  app.get(
    '/api/v1/reports/resolution.xlsx',
    {
      schema: {
        tags: ['reports'],
        summary: 'Period report as an Excel workbook laid out like Biểu 06 (rows by field unless groupBy)',
        querystring: PeriodQuery,
        response: fileResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await resolutionXlsx(db, requirePrincipal(request), request.query, Date.now())),
  );
  app.get(
    '/api/v1/reports/resolution.pdf',
    {
      schema: {
        tags: ['reports'],
        summary: 'Period report as a PDF laid out like Biểu 06/VPCP/KSTT (rows by field unless groupBy)',
        querystring: PeriodQuery,
        response: responses({}, [400, 401, 403, 404, 503]),
      },
    },
    async (request, reply) =>
      sendFile(reply, await resolutionPdf(db, requirePrincipal(request), request.query, Date.now(), pdf)),
  );
  app.get(
    '/api/v1/reports/catalog.xlsx',
    {
      schema: {
        tags: ['reports'],
        summary: 'Catalog metrics and the procedures behind them as an Excel workbook',
        querystring: ScopeQuery,
        response: fileResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await catalogXlsx(db, requirePrincipal(request), request.query, Date.now())),
  );
  app.get(
    '/api/v1/reports/service-index.xlsx',
    {
      schema: {
        tags: ['reports'],
        summary: 'QĐ 766 index as an Excel workbook',
        querystring: ScopeQuery,
        response: fileResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await serviceIndexXlsx(db, requirePrincipal(request), request.query, Date.now())),
  );
  app.get(
    '/api/v1/reports/satisfaction.xlsx',
    {
      schema: {
        tags: ['reports'],
        summary: 'Satisfaction report as an Excel workbook (rows by procedure unless groupBy)',
        querystring: SatisfactionQuery,
        response: fileResponses(),
      },
    },
    async (request, reply) =>
      sendFile(reply, await satisfactionXlsx(db, requirePrincipal(request), request.query, Date.now())),
  );
}
