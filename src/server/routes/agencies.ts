import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import {
  Agency,
  AgencyLevel,
  AgencyList,
  CreateAgencyBody,
  CreateUnitBody,
  Unit,
  UpdateAgencyBody,
} from '../../contracts/agencies.ts';
import { createAgency } from '../../features/agencies/create-agency.ts';
import { getAgency, listAgencies } from '../../features/agencies/list-agencies.ts';
import { createUnit, deleteUnit } from '../../features/agencies/manage-units.ts';
import { updateAgency } from '../../features/agencies/update-agency.ts';
import { clientMeta, principalOf, requirePrincipal } from '../auth.ts';
import { AgencyCode, responses } from '../schemas.ts';

const CodeParams = Type.Object({ code: AgencyCode }, { additionalProperties: false });

export function agencyRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'The agency directory (public)',
        querystring: Type.Object(
          { under: Type.Optional(AgencyCode), level: Type.Optional(AgencyLevel) },
          { additionalProperties: false },
        ),
        response: responses({ 200: AgencyList }, [400, 404]),
      },
    },
    async (request) => ({ items: await listAgencies(db, principalOf(request), request.query) }),
  );
  app.get(
    '/api/v1/agencies/:code',
    {
      schema: {
        tags: ['agencies'],
        summary: 'One agency with its units (public)',
        params: CodeParams,
        response: responses({ 200: Agency }, [400, 404]),
      },
    },
    async (request) => getAgency(db, principalOf(request), request.params.code),
  );
  app.post(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Add an agency (system administrator)',
        body: CreateAgencyBody,
        response: responses({ 201: Agency }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAgency(db, requirePrincipal(request), request.body, clientMeta(request))),
  );
  app.patch(
    '/api/v1/agencies/:code',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Change an agency (its administrator or a system administrator)',
        params: CodeParams,
        body: UpdateAgencyBody,
        response: responses({ 200: Agency }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const view = await updateAgency(
        db,
        requirePrincipal(request),
        request.params.code,
        request.body,
        clientMeta(request),
      );
      return view;
    },
  );
  app.post(
    '/api/v1/agencies/:code/units',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Add a unit (phòng) to an agency',
        params: CodeParams,
        body: CreateUnitBody,
        response: responses({ 201: Unit }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createUnit(
            db,
            requirePrincipal(request),
            request.params.code,
            request.body,
            clientMeta(request),
          ),
        ),
  );
  app.delete(
    '/api/v1/agencies/:code/units/:unitId',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Remove a unit',
        params: Type.Object(
          { code: AgencyCode, unitId: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      await deleteUnit(
        db,
        requirePrincipal(request),
        request.params.code,
        request.params.unitId,
        clientMeta(request),
      );
      return reply.status(204).send(null);
    },
  );
}
