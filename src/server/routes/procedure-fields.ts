import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../db/client.ts';
import {
  CreateFieldBody,
  FieldCode,
  ProcedureField,
  ProcedureFieldList,
  UpdateFieldBody,
} from '../../contracts/catalog.ts';
import {
  createField,
  deleteField,
  listFields,
  updateField,
} from '../../features/catalog/procedure-fields.ts';
import { clientMeta, requirePrincipal } from '../auth.ts';
import { responses } from '../schemas.ts';

const CodeParams = Type.Object({ code: FieldCode }, { additionalProperties: false });

/**
 * Fields (lĩnh vực) of the catalog: public list; system administrators add, rename and delete them.
 * A code in use by a procedure version is never changed or deleted (versions are immutable documents).
 */
export function procedureFieldRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/procedure-fields',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Fields (lĩnh vực) procedures are filed under, by name (public)',
        response: responses({ 200: ProcedureFieldList }, []),
      },
    },
    async () => listFields(db),
  );
  app.post(
    '/api/v1/procedure-fields',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Add a field (system administrator)',
        body: CreateFieldBody,
        response: responses({ 201: ProcedureField }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const field = await createField(db, requirePrincipal(request), request.body, clientMeta(request));
      return reply.status(201).send(field);
    },
  );
  app.patch(
    '/api/v1/procedure-fields/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Rename a field, or correct its code while no procedure uses it (system administrator)',
        params: CodeParams,
        body: UpdateFieldBody,
        response: responses({ 200: ProcedureField }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const field = await updateField(
        db,
        requirePrincipal(request),
        request.params.code,
        request.body,
        clientMeta(request),
      );
      return field;
    },
  );
  app.delete(
    '/api/v1/procedure-fields/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Delete a field no procedure uses (system administrator)',
        params: CodeParams,
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      await deleteField(db, requirePrincipal(request), request.params.code, clientMeta(request));
      return reply.status(204).send(null);
    },
  );
}
