import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { agencyLevels } from '../../domain/access/roles.ts';
import { createAgency } from '../../features/agencies/create-agency.ts';
import { getAgency, listAgencies } from '../../features/agencies/list-agencies.ts';
import { createUnit, deleteUnit } from '../../features/agencies/manage-units.ts';
import { updateAgency } from '../../features/agencies/update-agency.ts';
import { clientMeta, principalOf, requirePrincipal } from '../auth.ts';
import { AgencyCode, NullableString, OfficeHours, responses, StringEnum } from '../schemas.ts';

const Level = StringEnum(agencyLevels);

const Unit = Type.Object({ id: Type.Integer(), code: NullableString, name: Type.String() });

const Agency = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    shortName: NullableString,
    level: Level,
    parentCode: NullableString,
    address: NullableString,
    phone: NullableString,
    email: NullableString,
    officeHours: Type.Union([OfficeHours, Type.Null()]),
    isOneStopDesk: Type.Boolean(),
    version: Type.Integer(),
    units: Type.Array(Unit),
    actions: Type.Array(Type.String(), { description: 'What the caller may do with this agency now' }),
  },
  { title: 'Agency' },
);

const CreateAgencyBody = Type.Object(
  {
    code: AgencyCode,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    shortName: Type.Optional(Type.String({ maxLength: 100 })),
    level: Level,
    parentCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    officeHours: Type.Optional(Type.Union([OfficeHours, Type.Null()])),
    isOneStopDesk: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const UpdateAgencyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version read; a stale one is refused with 409' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    shortName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    officeHours: Type.Optional(Type.Union([OfficeHours, Type.Null()])),
    isOneStopDesk: Type.Optional(Type.Boolean()),
    parentCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
  },
  { additionalProperties: false },
);

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
          { under: Type.Optional(AgencyCode), level: Type.Optional(Level) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Object({ items: Type.Array(Agency) }) }, [400, 404]),
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
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 300 }),
            code: Type.Optional(Type.String({ maxLength: 50 })),
          },
          { additionalProperties: false },
        ),
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
