import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { contentDisposition } from '../../domain/files/file-name.ts';
import { isPreviewable, sniffFileType } from '../../domain/files/sniff.ts';
import {
  readDossierFile,
  removeComponentFile,
  uploadComponentFile,
  uploadOpinionFile,
  uploadResultFile,
  uploadSupplementFile,
} from '../../features/dossiers/dossier-files.ts';
import type { FileStorage } from '../../features/files/storage.ts';
import { clientMeta, requirePrincipal } from '../auth.ts';
import { handleError, sendError } from '../errors.ts';
import { responses, StringEnum } from '../schemas.ts';
import { FileView } from '../../contracts/dossiers.ts';

const RefParams = { ref: Type.String({ minLength: 1, maxLength: 60 }) };
const UploadHeaders = Type.Object({
  'x-file-name': Type.Optional(
    Type.String({ maxLength: 1000, description: 'The original file name, encodeURIComponent-encoded' }),
  ),
});

function fileNameOf(request: FastifyRequest<{ Headers: { 'x-file-name'?: string } }>): string {
  const raw = request.headers['x-file-name'] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Uploads are raw bodies (`application/octet-stream`): no multipart parser, and a cross-site form
 * cannot send this content type. The scope's body limit is the upload limit; hitting it is FILE_TOO_LARGE.
 */
export function dossierFilesPlugin(db: Db, storage: FileStorage, config: Config): FastifyPluginAsync {
  return async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: config.maxUploadBytes + 1 },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const mb = Math.round((config.maxUploadBytes / (1024 * 1024)) * 10) / 10;
        return sendError(
          reply,
          new AppError('FILE_TOO_LARGE', {
            field: 'file',
            vi: `Tệp vượt quá dung lượng cho phép (tối đa ${String(mb).replace('.', ',')} MB).`,
            en: `The file is larger than allowed (at most ${mb} MB).`,
            details: { maxBytes: config.maxUploadBytes },
          }),
        );
      }
      return handleError(error, request, reply);
    });
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const limits = (request: FastifyRequest) => ({
      maxBytes: config.maxUploadBytes,
      now: Date.now(),
      ip: clientMeta(request).ip,
    });
    const bodyOf = (body: unknown): Buffer => {
      if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { field: 'file' });
      return body;
    };

    app.put(
      '/api/v1/dossiers/:ref/components/:idx/file',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Upload the file of one dossier component, replacing its current files',
          description:
            'Body: the file bytes as application/octet-stream. PDF, JPEG, PNG, DOCX and XLSX, told by their content.',
          params: Type.Object(
            { ...RefParams, idx: Type.Integer({ minimum: 0, maximum: 199 }) },
            { additionalProperties: false },
          ),
          headers: UploadHeaders,
          response: responses({ 200: FileView }, [400, 401, 403, 404, 409, 413, 415, 507]),
        },
        bodyLimit: config.maxUploadBytes + 1,
      },
      async (request) =>
        uploadComponentFile(
          db,
          storage,
          requirePrincipal(request),
          request.params.ref,
          request.params.idx,
          { bytes: bodyOf(request.body), fileName: fileNameOf(request) },
          limits(request),
        ),
    );

    app.post(
      '/api/v1/dossiers/:ref/components/:idx/files',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Add a file to one dossier component (a component may hold several files)',
          description:
            'Body: the file bytes as application/octet-stream. PDF, JPEG, PNG, DOCX and XLSX, told by their content. ' +
            'At most 20 current files per component.',
          params: Type.Object(
            { ...RefParams, idx: Type.Integer({ minimum: 0, maximum: 199 }) },
            { additionalProperties: false },
          ),
          headers: UploadHeaders,
          response: responses({ 200: FileView }, [400, 401, 403, 404, 409, 413, 415, 507]),
        },
        bodyLimit: config.maxUploadBytes + 1,
      },
      async (request) =>
        uploadComponentFile(
          db,
          storage,
          requirePrincipal(request),
          request.params.ref,
          request.params.idx,
          { bytes: bodyOf(request.body), fileName: fileNameOf(request) },
          limits(request),
          'add',
        ),
    );

    app.post(
      '/api/v1/dossiers/:ref/supplements/:seq/items/:item/files',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Add a file for one item of the awaited supplement request that is not a component',
          description:
            'seq: the request_supplement event (its history entry); item: the index in its items. An item ' +
            'naming a component is supplied as that component’s files. Body: the file bytes as ' +
            'application/octet-stream. At most 20 current files per item.',
          params: Type.Object(
            {
              ...RefParams,
              seq: Type.Integer({ minimum: 0, maximum: 100_000 }),
              item: Type.Integer({ minimum: 0, maximum: 199 }),
            },
            { additionalProperties: false },
          ),
          headers: UploadHeaders,
          response: responses({ 200: FileView }, [400, 401, 403, 404, 409, 413, 415, 507]),
        },
        bodyLimit: config.maxUploadBytes + 1,
      },
      async (request) =>
        uploadSupplementFile(
          db,
          storage,
          requirePrincipal(request),
          request.params.ref,
          request.params.seq,
          request.params.item,
          { bytes: bodyOf(request.body), fileName: fileNameOf(request) },
          limits(request),
        ),
    );

    app.delete(
      '/api/v1/dossiers/:ref/files/:fileId',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Remove one file of a dossier component or supplement item (kept in the history)',
          params: Type.Object(
            { ...RefParams, fileId: Type.String({ maxLength: 60 }) },
            { additionalProperties: false },
          ),
          response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
        },
      },
      async (request, reply) => {
        await removeComponentFile(db, requirePrincipal(request), request.params.ref, request.params.fileId, {
          now: Date.now(),
          ip: clientMeta(request).ip,
        });
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/api/v1/dossiers/:ref/result-file',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Upload (or replace) the result document',
          params: Type.Object(RefParams, { additionalProperties: false }),
          headers: UploadHeaders,
          response: responses({ 200: FileView }, [400, 401, 403, 404, 409, 413, 415, 507]),
        },
        bodyLimit: config.maxUploadBytes + 1,
      },
      async (request) =>
        uploadResultFile(
          db,
          storage,
          requirePrincipal(request),
          request.params.ref,
          { bytes: bodyOf(request.body), fileName: fileNameOf(request) },
          limits(request),
        ),
    );

    app.put(
      '/api/v1/dossiers/:ref/opinion-files/:purpose',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Upload a file to send with an opinion request (request) or with its answer (reply)',
          description:
            'Answers the file’s id: name it in `attachments` of send_to_cooperating or cooperating_result. ' +
            'A request’s files: the assigned handling officer; an answer’s: an officer of an asked agency.',
          params: Type.Object(
            { ...RefParams, purpose: StringEnum(['request', 'reply'] as const) },
            { additionalProperties: false },
          ),
          headers: UploadHeaders,
          response: responses({ 200: FileView }, [400, 401, 403, 404, 409, 413, 415, 507]),
        },
        bodyLimit: config.maxUploadBytes + 1,
      },
      async (request) =>
        uploadOpinionFile(
          db,
          storage,
          requirePrincipal(request),
          request.params.ref,
          request.params.purpose === 'request' ? 'opinion_request' : 'opinion_reply',
          { bytes: bodyOf(request.body), fileName: fileNameOf(request) },
          limits(request),
        ),
    );

    app.get(
      '/api/v1/dossiers/:ref/files/:fileId',
      {
        schema: {
          tags: ['dossier files'],
          summary: 'Download a file of the dossier (inline=1 to preview)',
          description:
            'With inline=1 (or true) a PDF, JPEG or PNG, told by its bytes, is sent with ' +
            'Content-Disposition inline so the browser shows it in the page; any other type is a download.',
          params: Type.Object(
            { ...RefParams, fileId: Type.String({ maxLength: 60 }) },
            { additionalProperties: false },
          ),
          querystring: Type.Object(
            {
              inline: Type.Optional(
                Type.Union([
                  Type.Literal('1'),
                  Type.Literal('true'),
                  Type.Literal('0'),
                  Type.Literal('false'),
                ]),
              ),
            },
            { additionalProperties: false },
          ),
          // The file itself: its media types are in src/server/openapi.ts.
          response: responses(
            { 200: Type.Unsafe({ type: 'string', format: 'binary' }) },
            [400, 401, 403, 404],
          ),
        },
      },
      async (request, reply) => {
        const { file, bytes } = await readDossierFile(
          db,
          storage,
          requirePrincipal(request),
          request.params.ref,
          request.params.fileId,
        );
        const wanted = request.query.inline === '1' || request.query.inline === 'true';
        // Told by the bytes served, not by the stored type or the name: only a real PDF or image is shown.
        const sniffed = wanted ? sniffFileType(bytes) : null;
        const inline =
          sniffed !== null && sniffed.mediaType === file.mediaType && isPreviewable(sniffed.mediaType);
        return reply
          .header('content-type', file.mediaType)
          .header('content-disposition', contentDisposition(file.fileName, inline ? 'inline' : 'attachment'))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
    return Promise.resolve();
  };
}
