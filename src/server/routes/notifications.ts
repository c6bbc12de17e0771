import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { listNotifications, markNotificationsRead } from '../../features/me/notifications.ts';
import { requirePrincipal } from '../auth.ts';
import { NullableString, Pagination, responses } from '../schemas.ts';

const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String({
    description:
      'dossier.near_due, dossier.overdue, dossier.opinion_requested (an agency asks yours), dossier.opinion_given, or dossier.<action> for the applicant',
    examples: ['dossier.overdue'],
  }),
  title: Type.String({ description: 'Vietnamese' }),
  titleEn: Type.String({ description: 'English' }),
  dossierCode: NullableString,
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const NotificationList = Type.Object({
  items: Type.Array(Notification),
  total: Type.Integer({ description: 'Notifications matching the filter' }),
  unread: Type.Integer({ description: 'All unread notifications of the caller' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

const ListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only those not read yet' })),
    ...Pagination,
  },
  { additionalProperties: false },
);

const ReadBody = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        maxItems: 500,
        description: 'The notifications to mark read; without it, all of the caller’s',
      }),
    ),
  },
  { additionalProperties: false },
);

export function notificationRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/me/notifications',
    {
      schema: {
        tags: ['me'],
        summary: 'The caller’s notifications, newest first (near-due and overdue alerts, dossier news)',
        querystring: ListQuery,
        response: responses({ 200: NotificationList }, [400, 401]),
      },
    },
    async (request) => listNotifications(db, requirePrincipal(request).userId, request.query),
  );
  app.post(
    '/api/v1/me/notifications/read',
    {
      schema: {
        tags: ['me'],
        summary: 'Mark the caller’s notifications read (the given ids, or all)',
        body: ReadBody,
        response: responses(
          {
            200: Type.Object({
              marked: Type.Integer({ description: 'Notifications that were unread and now are read' }),
              unread: Type.Integer(),
            }),
          },
          [400, 401, 403],
        ),
      },
    },
    async (request) =>
      markNotificationsRead(db, requirePrincipal(request).userId, request.body.ids, new Date()),
  );
}
