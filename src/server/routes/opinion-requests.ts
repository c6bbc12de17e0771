import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import { listOpinionRequests } from '../../features/dossiers/list-opinion-requests.ts';
import { requirePrincipal } from '../auth.ts';
import { Pagination, responses } from '../schemas.ts';
import { OpinionRequestList } from '../../contracts/opinions.ts';

export function opinionRequestRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/opinion-requests',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Dossiers of other agencies waiting for the opinion of the caller’s agencies (liên thông), soonest reply due first',
        description:
          'Only agencies where the caller is a handling officer or an approver: those who may answer (cooperating_result).',
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 100 })), ...Pagination },
          { additionalProperties: false },
        ),
        response: responses({ 200: OpinionRequestList }, [400, 401]),
      },
    },
    async (request) => listOpinionRequests(db, requirePrincipal(request), request.query, Date.now()),
  );
}
