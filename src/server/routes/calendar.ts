import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import {
  CalendarYear,
  DeadlineAnswer,
  DeadlineMode,
  DeadlineUnit,
  OfficialNotice,
  ReceiptTime,
  WorkingTime,
  YearDays,
} from '../../contracts/calendar.ts';
import { MAX_YEAR, MIN_YEAR } from '../../domain/calendar/index.ts';
import {
  deadline,
  holidaysOfYear,
  noticeOfYear,
  workingTime,
  receiptTime,
} from '../../features/calendar/calendar-queries.ts';
import { replaceYear } from '../../features/calendar/replace-year.ts';
import { clientMeta, requirePrincipal } from '../auth.ts';
import { AgencyCode, responses } from '../schemas.ts';

const Instant = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'ISO 8601 with an offset, e.g. 2026-02-13T16:00:00+07:00 (encode + as %2B in a query string)',
});
const Year = Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR });

export function calendarRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Every non-working weekday and every make-up working day of a year (public)',
        querystring: Type.Object({ year: Year }, { additionalProperties: false }),
        response: responses({ 200: YearDays }, [400]),
      },
    },
    async (request) => holidaysOfYear(db, request.query.year),
  );
  app.get(
    '/api/v1/calendar/deadline',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The due time of a deadline counted from a valid receipt (public)',
        description:
          'Working days are 8 working hours each from the receipt time; mode=end_of_day gives the close of the Nth ' +
          'working day after the receipt day; amount 0 with working_days is a same-day procedure (received after ' +
          '15:00 → next working day). Calendar days and months ending on a non-working day end at the close of ' +
          'the next working day. agency selects that agency’s office hours.',
        querystring: Type.Object(
          {
            start: Instant,
            amount: Type.Number({ minimum: 0 }),
            unit: DeadlineUnit,
            mode: Type.Optional(DeadlineMode),
            agency: Type.Optional(AgencyCode),
          },
          { additionalProperties: false },
        ),
        response: responses(
          {
            200: DeadlineAnswer,
          },
          [400],
        ),
      },
    },
    async (request) => deadline(db, request.query),
  );
  app.get(
    '/api/v1/calendar/receipt-time',
    {
      schema: {
        tags: ['calendar'],
        summary: 'What receiving a dossier now (or at `at`) at an agency means for its times (public)',
        description:
          'open: the agency’s office is open then. countsFrom: when the processing time starts (the next opening ' +
          'when closed). forwardAt: when the dossier goes to the resolving agency (after 15:00: the next working ' +
          'day’s start). The desk shows a warning from it before receiving outside office hours.',
        querystring: Type.Object(
          { agency: AgencyCode, at: Type.Optional(Instant) },
          { additionalProperties: false },
        ),
        response: responses(
          {
            200: ReceiptTime,
          },
          [400],
        ),
      },
    },
    async (request) => receiptTime(db, request.query, Date.now()),
  );
  app.get(
    '/api/v1/calendar/working-time',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Working minutes between two instants (public)',
        querystring: Type.Object(
          { from: Instant, to: Instant, agency: Type.Optional(AgencyCode) },
          { additionalProperties: false },
        ),
        response: responses({ 200: WorkingTime }, [400]),
      },
    },
    async (request) => workingTime(db, request.query),
  );
  app.get(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The official notice in force for a year and the days it gives (public)',
        params: Type.Object({ year: Year }, { additionalProperties: false }),
        response: responses(
          {
            200: CalendarYear,
          },
          [400],
        ),
      },
    },
    async (request) => noticeOfYear(db, request.params.year),
  );
  app.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Replace a year’s official notice (system administrator)',
        params: Type.Object({ year: Year }, { additionalProperties: false }),
        body: OfficialNotice,
        response: responses({ 200: YearDays }, [400, 401, 403]),
      },
    },
    async (request) => ({
      year: request.params.year,
      days: await replaceYear(
        db,
        requirePrincipal(request),
        request.params.year,
        request.body,
        clientMeta(request),
      ),
    }),
  );
}
