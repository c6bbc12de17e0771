import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { periodReport, reportGroupings } from '../../features/statistics/period-report.ts';
import { requirePrincipal } from '../auth.ts';
import { AgencyCode, responses, StringEnum } from '../schemas.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Vietnam date' });

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

export function reportRoutes(root: FastifyInstance, db: Db): void {
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
    async (request) => periodReport(db, requirePrincipal(request), request.query),
  );
}
