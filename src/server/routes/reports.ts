import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import {
  CatalogMetrics,
  Dashboard,
  PeriodDrill,
  PeriodReport,
  reportGroupings,
  satisfactionGroupings,
  SatisfactionReport,
  ServiceIndex,
} from '../../contracts/reports.ts';
import { contentDisposition } from '../../domain/files/file-name.ts';
import { periodCells } from '../../domain/statistics/period-report.ts';
import type { PdfRenderer } from '../../features/pdf/pool.ts';
import { catalogMetrics } from '../../features/statistics/catalog-metrics.ts';
import { dashboard } from '../../features/statistics/dashboard.ts';
import { periodDrill } from '../../features/statistics/period-drill.ts';
import { periodReport } from '../../features/statistics/period-report.ts';
import {
  catalogXlsx,
  resolutionPdf,
  resolutionXlsx,
  satisfactionXlsx,
  serviceIndexXlsx,
  type ReportFile,
} from '../../features/statistics/report-exports.ts';
import { satisfactionReport } from '../../features/statistics/satisfaction.ts';
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
        response: responses({ 200: PeriodReport }),
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
        response: responses({ 200: Dashboard }),
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
        response: responses({ 200: CatalogMetrics }),
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
