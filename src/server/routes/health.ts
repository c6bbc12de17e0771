import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { migrationsPending } from '../../db/client.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('unreachable')])),
  pendingMigrations: Type.Optional(Type.Integer()),
});

export function healthRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: Health } } },
    () => Promise.resolve({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers and every migration is applied',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      try {
        await pool.query('SELECT 1');
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: 'unreachable' as const });
      }
      const pending = await migrationsPending(pool);
      const status = pending === 0 ? ('ok' as const) : ('unavailable' as const);
      return reply
        .status(pending === 0 ? 200 : 503)
        .send({ status, database: 'ok' as const, pendingMigrations: pending });
    },
  );
}
