import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/client.ts';
import {
  CatalogImportResult,
  CreateProcedureBody,
  DraftList,
  DraftView,
  FormTemplateInfo,
  OnlineLevel,
  ProcedureHistory,
  ProcedureLevel,
  ProcedureList,
  ProcedureView,
  ProcessList,
  ProcessView,
  PublishBody,
  SaveDraftBody,
  SetProcessBody,
} from '../../contracts/catalog.ts';
import { IsoDate, ProcedureCode } from '../../domain/catalog/model.ts';
import { isSystemAdmin } from '../../domain/access/policy.ts';
import { MAX_QUERY_LENGTH, MAX_SEARCHED_LENGTH } from '../../domain/catalog/search-text.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import type { CatalogCache } from '../../features/catalog/catalog-cache.ts';
import {
  listDrafts,
  MAX_FORM_BYTES,
  mayUploadFormTemplate,
  uploadFormTemplate,
} from '../../features/catalog/drafts-and-forms.ts';
import { createProcedure, discardDraft, getDraft, saveDraft } from '../../features/catalog/edit-procedure.ts';
import { exportCatalog, type CatalogFormat } from '../../features/catalog/export-catalog.ts';
import { getFormTemplate, getProcedure, procedureHistory } from '../../features/catalog/get-procedure.ts';
import { importCatalog } from '../../features/catalog/import-catalog.ts';
import { listProcesses, setProcess } from '../../features/catalog/processes.ts';
import { publishProcedure } from '../../features/catalog/publish-procedure.ts';
import { searchCatalog } from '../../features/catalog/search-procedures.ts';
import { templateWorkbook } from '../../features/catalog/xlsx.ts';
import { beforeBody, clientMeta, principalOf, requirePrincipal } from '../auth.ts';
import { AgencyCode, Pagination, responses, StringEnum } from '../schemas.ts';
import { procedureFieldRoutes } from './procedure-fields.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CodeParams = Type.Object({ code: ProcedureCode }, { additionalProperties: false });
const OnQuery = Type.Optional(
  Type.String({
    ...IsoDate,
    description: 'Serve the version in force on this date (default: today in Vietnam)',
  }),
);
const Format = Type.Object(
  { format: Type.Optional(StringEnum(['json', 'xlsx'] as const)) },
  { additionalProperties: false },
);

function catalogRoutes(root: FastifyInstance, db: Db, cache: CatalogCache): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search published procedures (public)',
        description:
          '`q` is accent-, case- and typo-insensitive; an exact code comes first, then by relevance. ' +
          `A long q is searched by its first words (about ${MAX_SEARCHED_LENGTH} characters once folded); ` +
          `one longer than ${MAX_QUERY_LENGTH} characters is refused (400, field q).`,
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: MAX_QUERY_LENGTH })),
            field: Type.Optional(Type.String({ maxLength: 30 })),
            level: Type.Optional(ProcedureLevel),
            agency: Type.Optional(AgencyCode),
            online: Type.Optional(OnlineLevel),
            on: OnQuery,
            ...Pagination,
          },
          { additionalProperties: false },
        ),
        response: responses(
          {
            200: ProcedureList,
          },
          [400],
        ),
      },
    },
    async (request) => searchCatalog(db, cache, request.query, new Date()),
  );
  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A procedure as published and in force (public)',
        params: CodeParams,
        querystring: Type.Object({ on: OnQuery }, { additionalProperties: false }),
        response: responses({ 200: ProcedureView }, [400, 404]),
      },
    },
    async (request) =>
      getProcedure(db, principalOf(request), request.params.code, new Date(), request.query.on, cache),
  );
  app.get(
    '/api/v1/procedures/:code/history',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Versions of a procedure, newest first (drafts only for its editors)',
        params: CodeParams,
        response: responses(
          {
            200: ProcedureHistory,
          },
          [400, 404],
        ),
      },
    },
    async (request) => procedureHistory(db, principalOf(request), request.params.code, new Date()),
  );
  app.get(
    '/api/v1/procedures/:code/forms/:id',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Download a form template of a published procedure (public)',
        params: Type.Object(
          { code: ProcedureCode, id: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: Type.Unsafe({ type: 'string', format: 'binary' }) }, [400, 404]),
      },
    },
    async (request, reply) => {
      const file = await getFormTemplate(db, request.params.code, request.params.id);
      return reply
        .type(file.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  );

  // Staff: drafts, publication, internal processes.
  app.get(
    '/api/v1/catalog/drafts',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Drafts the caller may edit',
        response: responses({
          200: DraftList,
        }),
      },
    },
    async (request) => listDrafts(db, requirePrincipal(request)),
  );
  app.post(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Create a procedure as a draft (administrator of an implementing agency)',
        body: CreateProcedureBody,
        response: responses({ 201: ProcedureView }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createProcedure(db, requirePrincipal(request), request.body, clientMeta(request), new Date()),
        ),
  );
  app.get(
    '/api/v1/procedures/:code/draft',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The draft of a procedure, with its content as edited',
        params: CodeParams,
        response: responses({ 200: DraftView }),
      },
    },
    async (request) => getDraft(db, requirePrincipal(request), request.params.code, new Date()),
  );
  app.put(
    '/api/v1/procedures/:code/draft',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Save the draft (editing a published procedure starts a new draft)',
        params: CodeParams,
        body: SaveDraftBody,
        response: responses({ 200: ProcedureView }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const view = await saveDraft(
        db,
        requirePrincipal(request),
        request.params.code,
        request.body,
        clientMeta(request),
        new Date(),
      );
      // The lock version moved: this server's pages must not show the old one even once.
      return view;
    },
  );
  app.delete(
    '/api/v1/procedures/:code/draft',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Discard the draft',
        params: CodeParams,
        querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      await discardDraft(
        db,
        requirePrincipal(request),
        request.params.code,
        request.query,
        clientMeta(request),
      );
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/procedures/:code/publish',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Publish the draft, in force from a date (today or later)',
        params: CodeParams,
        body: PublishBody,
        response: responses({ 200: ProcedureView }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const view = await publishProcedure(
        db,
        requirePrincipal(request),
        request.params.code,
        request.body,
        clientMeta(request),
        new Date(),
      );
      // Other servers hear of it by notification; this one must not serve its old snapshot even once.
      return view;
    },
  );
  app.get(
    '/api/v1/procedures/:code/processes',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Internal processes of the agencies the caller may see',
        params: CodeParams,
        response: responses({ 200: ProcessList }),
      },
    },
    async (request) => ({
      items: await listProcesses(db, requirePrincipal(request), request.params.code, new Date()),
    }),
  );
  app.put(
    '/api/v1/procedures/:code/processes/:agency',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Set the internal process of one implementing agency (its administrator)',
        description:
          'Step budgets must add up to no more than the legal deadline; a parallel group counts its longest branch.',
        params: Type.Object({ code: ProcedureCode, agency: AgencyCode }, { additionalProperties: false }),
        body: SetProcessBody,
        response: responses({ 200: ProcessView }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) =>
      setProcess(
        db,
        requirePrincipal(request),
        request.params.code,
        request.params.agency,
        request.body,
        clientMeta(request),
        new Date(),
      ),
  );

  // Files: form templates, import and export.
  app.post(
    '/api/v1/catalog/forms',
    {
      bodyLimit: MAX_FORM_BYTES,
      onRequest: beforeBody(mayUploadFormTemplate),
      schema: {
        tags: ['catalog'],
        summary: 'Upload a form template (raw body); components refer to the returned id',
        querystring: Type.Object(
          { fileName: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: responses(
          {
            201: FormTemplateInfo,
          },
          [400, 401, 403, 413, 415],
        ),
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const info = await uploadFormTemplate(
        db,
        requirePrincipal(request),
        { fileName: request.query.fileName, data: request.body },
        clientMeta(request),
      );
      return reply.status(201).send(info);
    },
  );
  app.post(
    '/api/v1/catalog/import',
    {
      bodyLimit: 64 * 1024 * 1024,
      onRequest: beforeBody(isSystemAdmin),
      schema: {
        tags: ['catalog'],
        summary: 'Import a catalog file (system administrator); all or nothing',
        description:
          'Body: the raw file — a JSON catalog (application/json, see docs/catalog-format.md) or the Excel ' +
          'template filled in (application/octet-stream or the .xlsx media type). Every error is reported in ' +
          'error.details.errors with sheet, row and column (Excel) or path (JSON); nothing is imported unless ' +
          'the whole file is valid. Re-importing the same file changes nothing. With dryRun=true the file is ' +
          'checked in full and the counts say what an import would do; nothing is written.',
        querystring: Type.Object(
          {
            ...Format.properties,
            dryRun: Type.Optional(Type.Boolean({ description: 'Check only; write nothing' })),
          },
          { additionalProperties: false },
        ),
        response: responses(
          {
            200: CatalogImportResult,
          },
          [400, 401, 403, 413, 415],
        ),
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const format: CatalogFormat = request.query.format ?? (Buffer.isBuffer(request.body) ? 'xlsx' : 'json');
      const body: unknown = request.body;
      const dryRun = request.query.dryRun ?? false;
      const result = await importCatalog(
        db,
        principal,
        { format, body, dryRun },
        clientMeta(request),
        new Date(),
        (p) => request.log.info(p, 'catalog import progress'),
      );
      return result;
    },
  );
  app.get(
    '/api/v1/catalog/export',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Export the published catalog in force, with internal processes (staff)',
        querystring: Format,
        response: responses({ 200: Type.Unsafe({ type: 'string', format: 'binary' }) }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'json';
      const file = await exportCatalog(db, requirePrincipal(request), format, new Date());
      return reply
        .type(format === 'json' ? 'application/json; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="catalog.${format}"`)
        .send(file);
    },
  );
  app.get(
    '/api/v1/catalog/template.xlsx',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The empty Excel template for catalog import (public)',
        response: responses({ 200: Type.Unsafe({ type: 'string', format: 'binary' }) }, []),
      },
    },
    async (_request, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="catalog-template.xlsx"')
        .send(await templateWorkbook()),
  );
}

/**
 * Catalog routes in their own scope, where raw file bodies (form templates, Excel files) are accepted,
 * with the server's catalog cache (search snapshot and version bodies; see features/catalog/catalog-cache.ts).
 */
export function catalogPlugin(db: Db, cache: CatalogCache): FastifyPluginAsync {
  return (scope) => {
    // Built in the background: until it is ready, searches are answered by PostgreSQL.
    cache.searchIndex(vnToday(new Date()), Date.now());
    scope.addContentTypeParser(
      ['application/octet-stream', XLSX],
      { parseAs: 'buffer' },
      (_request, body, done) => done(null, body),
    );
    catalogRoutes(scope, db, cache);
    procedureFieldRoutes(scope, db);
    return Promise.resolve();
  };
}
