import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { listNotifications, markNotificationsRead } from '../../features/me/notifications.ts';
import { requirePrincipal } from '../auth.ts';
import { responses } from '../schemas.ts';
import {
  MarkReadBody,
  MarkReadResult,
  NotificationList,
  NotificationListQuery,
} from '../../contracts/notifications.ts';

export function notificationRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/me/notifications',
    {
      schema: {
        tags: ['me'],
        summary: 'The caller’s notifications, newest first (near-due and overdue alerts, dossier news)',
        querystring: NotificationListQuery,
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
        body: MarkReadBody,
        response: responses({ 200: MarkReadResult }, [400, 401, 403]),
      },
    },
    async (request) =>
      markNotificationsRead(db, requirePrincipal(request).userId, request.body.ids, new Date()),
  );
}
