import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { importHistory } from '../../features/statistics/import-history.ts';
import { beforeBody, clientMeta, requirePrincipal } from '../auth.ts';
import { HistoryImportReport } from '../../contracts/system.ts';
import { responses } from '../schemas.ts';

/** NDJSON under its usual names, or any raw bytes. */
export const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/octet-stream',
];

/**
 * Imports in their own scope: the body is the raw file, streamed to the use case as it arrives (no other
 * parser here, so JSON bodies are refused with 415), up to MAX_IMPORT_MB.
 */
export function importsPlugin(db: Db, config: Config): FastifyPluginAsync {
  return (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(NDJSON_TYPES, (_request, payload, done) => done(null, payload));
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/v1/imports/dossiers',
      {
        schema: {
          tags: ['statistics'],
          summary: 'Import the dossier history of a replaced system (system administrator); all or nothing',
          description:
            'Body: the raw NDJSON file (application/x-ndjson or application/octet-stream), one dossier per line: ' +
            '{"code","agency","procedure","channel":"online|in_person|postal","receivedAt","dueAt","finishedAt",' +
            '"returnedAt","outcome":"resolved|refused|withdrawn|stopped|open","supplementRequests","paidOnline",' +
            '"applicant":{"name"}}, instants in ISO 8601 with an offset. Every error is reported with its line and ' +
            'field in error.details.errors (at most 1,000; error.details.total counts them all); nothing is imported ' +
            'unless the whole file is valid. Codes already present with the same content are skipped, so a ' +
            're-import changes nothing; a code present with other content is an error. Unknown agencies and ' +
            'procedures are created as placeholders and listed. With dryRun=true the file is checked in full and ' +
            'nothing is written.',
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean({ description: 'Check only; write nothing' })) },
            { additionalProperties: false },
          ),
          response: responses({ 200: HistoryImportReport }, [400, 401, 403, 413, 415]),
        },
        onRequest: beforeBody(isSystemAdmin),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        // Refused before a byte of the body is read.
        if (!isSystemAdmin(principal)) throw new AppError('FORBIDDEN');
        const body: unknown = request.body;
        if (!(body instanceof Readable)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: 'body' });
        const length = Number(request.headers['content-length']);
        if (Number.isFinite(length) && length > config.maxImportBytes)
          throw new AppError('PAYLOAD_TOO_LARGE', { details: { maxBytes: config.maxImportBytes } });
        const started = Date.now();
        const report = await importHistory(
          db,
          principal,
          { source: body, dryRun: request.query.dryRun ?? false, maxBytes: config.maxImportBytes },
          clientMeta(request),
          new Date(),
          (p) => {
            if (p.phase !== 'check')
              request.log.info({ ...p, ms: Date.now() - started }, 'history import progress');
          },
        );
        request.log.info(
          {
            importId: report.importId,
            lines: report.lines,
            imported: report.imported,
            skipped: report.skipped,
            ms: Date.now() - started,
          },
          'history import done',
        );
        return report;
      },
    );
    return Promise.resolve();
  };
}
