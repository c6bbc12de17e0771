import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import {
  CreateStaffBody,
  RoleGrantBody,
  Staff,
  StaffList,
  StaffRole,
  UpdateStaffBody,
} from '../../contracts/staff.ts';
import { createStaff } from '../../features/staff/create-staff.ts';
import { getStaff } from '../../features/staff/get-staff.ts';
import { listStaff } from '../../features/staff/list-staff.ts';
import { grantRole, revokeRole } from '../../features/staff/manage-roles.ts';
import { updateStaff } from '../../features/staff/update-staff.ts';
import { clientMeta, requirePrincipal } from '../auth.ts';
import { AgencyCode, Pagination, responses } from '../schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export function staffRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff of the agencies the caller may see',
        querystring: Type.Object(
          {
            agency: Type.Optional(AgencyCode),
            role: Type.Optional(StaffRole),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            ...Pagination,
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: StaffList,
        }),
      },
    },
    async (request) => listStaff(db, requirePrincipal(request), request.query),
  );
  app.get(
    '/api/v1/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'One staff member',
        params: IdParams,
        response: responses({ 200: Staff }),
      },
    },
    async (request) => getStaff(db, requirePrincipal(request), request.params.id),
  );
  app.post(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account with roles',
        body: CreateStaffBody,
        response: responses({ 201: Staff }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createStaff(db, requirePrincipal(request), request.body, clientMeta(request))),
  );
  app.patch(
    '/api/v1/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Change a staff account',
        params: IdParams,
        body: UpdateStaffBody,
        response: responses({ 200: Staff }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const view = await updateStaff(
        db,
        requirePrincipal(request),
        request.params.id,
        request.body,
        clientMeta(request),
      );
      return view;
    },
  );
  app.post(
    '/api/v1/staff/:id/roles',
    {
      schema: {
        tags: ['staff'],
        summary: 'Grant a role in an agency',
        params: IdParams,
        body: RoleGrantBody,
        response: responses({ 201: Staff }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const view = await grantRole(
        db,
        requirePrincipal(request),
        request.params.id,
        request.body,
        clientMeta(request),
      );
      return reply.status(201).send(view);
    },
  );
  app.delete(
    '/api/v1/staff/:id/roles/:assignmentId',
    {
      schema: {
        tags: ['staff'],
        summary: 'Revoke a role',
        params: Type.Object(
          { id: Type.String({ format: 'uuid' }), assignmentId: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: responses({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await revokeRole(
        db,
        requirePrincipal(request),
        request.params.id,
        request.params.assignmentId,
        clientMeta(request),
      );
      return reply.status(204).send(null);
    },
  );
}
