import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type pg from 'pg';
import type { Db } from '../../db/client.ts';
import { poolRunner } from '../../db/statements.ts';
import {
  actionDefinitions,
  channelNames,
  channels,
  dossierActions,
  dossierStatuses,
  nationalChannelCodes,
  nationalStatusCodes,
  statusDefinitions,
  type DossierAction,
} from '../../domain/dossier/index.ts';
import {
  actionBodies,
  actionBody,
  CreateDossier,
  Dossier,
  DossierCodes,
  DossierList,
  TrackingResult,
  UpdateDraft,
  Version,
} from '../../contracts/dossiers.ts';
import { actOnDossierTx } from '../../features/dossiers/act-on-dossier.ts';
import { dossierStages } from '../../domain/dossier/stage.ts';
import { createDossierTx, intakePipeline, takeIn } from '../../features/dossiers/intake/take-in.ts';
import { getDossier } from '../../features/dossiers/get-dossier.ts';
import { idempotent, requestHash } from '../../features/dossiers/idempotency.ts';
import { listDossiers } from '../../features/dossiers/list-dossiers.ts';
import { trackDossierJson, type TrackedDossier } from '../../features/dossiers/track-dossier.ts';
import type { TrackCache } from '../../features/dossiers/track-cache.ts';
import { ProofGuesses } from '../../features/dossiers/track-guesses.ts';
import type { Config } from '../../config/config.ts';
import { updateDraft } from '../../features/dossiers/update-draft.ts';
import { deleteDraft } from '../../features/dossiers/delete-draft.ts';
import { createLocalFileStorage } from '../../features/files/storage.ts';
import { clientMeta, principalOf, requirePrincipal } from '../auth.ts';
import { AgencyCode, Instant, Pagination, responses, StringEnum } from '../schemas.ts';

const RefParams = Type.Object(
  { ref: Type.String({ minLength: 1, maxLength: 60, description: 'Dossier code (or id of a draft)' }) },
  { additionalProperties: false },
);

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'Retry-safe key' }),
  ),
});

const errors = [400, 401, 403, 404, 409];

function meta(request: FastifyRequest) {
  return { ip: clientMeta(request).ip };
}

export function dossierRoutes(
  root: FastifyInstance,
  db: Db,
  pool: pg.Pool,
  config: Config,
  trackCache?: TrackCache<TrackedDossier>,
): void {
  const intake = intakePipeline(poolRunner(pool));
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v1/dossier-codes',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Statuses, channels and actions with their names and the national portal codes',
        response: { 200: DossierCodes },
      },
    },
    () => ({
      statuses: dossierStatuses.map((s) => ({
        status: s,
        nationalCode: nationalStatusCodes[s],
        vi: statusDefinitions[s].vi,
        en: statusDefinitions[s].en,
        terminal: statusDefinitions[s].terminal,
      })),
      channels: channels.map((c) => ({
        channel: c,
        nationalCode: nationalChannelCodes[c],
        ...channelNames[c],
      })),
      actions: dossierActions.map((action) => {
        const d = actionDefinitions[action];
        return { action, vi: d.vi, en: d.en, form: 'form' in d ? d.form : null };
      }),
    }),
  );

  app.post(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'File a dossier online (citizen) or enter one received in person or by post (desk)',
        headers: IdempotencyHeaders,
        body: CreateDossier,
        response: responses({ 201: Dossier }, errors),
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const key = request.headers['idempotency-key'];
      if (key === undefined)
        return reply
          .status(201)
          .send(await takeIn(db, intake, principal, request.body, Date.now(), meta(request)));
      const { result } = await idempotent(
        db,
        { userId: principal.userId, key, hash: requestHash('POST', '/api/v1/dossiers', request.body) },
        (tx) => createDossierTx(tx, principal, request.body, Date.now(), meta(request)),
      );
      const view = await getDossier(db, principal, result.code ?? result.id, Date.now());
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Staff inbox (scoped to the caller’s agencies) or the applicant’s own dossiers',
        querystring: Type.Object(
          {
            agency: Type.Optional(AgencyCode),
            status: Type.Optional(Type.Array(StringEnum(dossierStatuses), { maxItems: 12 })),
            stage: Type.Optional(
              Type.Array(StringEnum(dossierStages), {
                maxItems: 9,
                description:
                  'Whose turn it is (an inbox tab): receive, forward, assign, handle, cooperate, approve, issue, return, applicant',
              }),
            ),
            procedure: Type.Optional(Type.String({ maxLength: 60 })),
            channel: Type.Optional(StringEnum(channels)),
            receivedFrom: Type.Optional(Instant),
            receivedTo: Type.Optional(Instant),
            dueBefore: Type.Optional(Instant),
            overdue: Type.Optional(Type.Boolean()),
            assignedToMe: Type.Optional(Type.Boolean()),
            mine: Type.Optional(Type.Boolean()),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            sort: Type.Optional(StringEnum(['due', 'received', 'created'] as const)),
            ...Pagination,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: DossierList }),
      },
    },
    async (request) => listDossiers(db, requirePrincipal(request), request.query, Date.now()),
  );

  app.get(
    '/api/v1/dossiers/:ref',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'A dossier with its due times, current step, history and the caller’s actions',
        params: RefParams,
        response: responses({ 200: Dossier }),
      },
    },
    async (request) => getDossier(db, requirePrincipal(request), request.params.ref, Date.now()),
  );

  app.patch(
    '/api/v1/dossiers/:ref',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Edit a draft: the applicant’s details (and the waybill of a postal dossier)',
        params: RefParams,
        body: UpdateDraft,
        response: responses({ 200: Dossier }, errors),
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const done = await updateDraft(
        db,
        principal,
        request.params.ref,
        request.body,
        Date.now(),
        meta(request),
      );
      return getDossier(db, principal, done.code ?? done.id, Date.now());
    },
  );

  // The same files folder as the upload routes (storage is stateless: a folder and its layout).
  const storage = createLocalFileStorage(config.filesDir);
  app.delete(
    '/api/v1/dossiers/:ref',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Delete a draft: only its applicant, only while it was never submitted; its files go too',
        params: RefParams,
        querystring: Type.Object({ version: Version }, { additionalProperties: false }),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      await deleteDraft(
        db,
        storage,
        requirePrincipal(request),
        request.params.ref,
        request.query,
        meta(request),
      );
      return reply.status(204).send(null);
    },
  );

  for (const action of Object.keys(actionBodies)) {
    const definition = actionDefinitions[action as DossierAction];
    app.post(
      `/api/v1/dossiers/:ref/actions/${action}`,
      {
        schema: {
          tags: ['dossier actions'],
          summary: `${definition.en} (${definition.vi})`,
          description:
            'An action the dossier’s status or the caller’s role does not allow is answered 409 or 403 with a stable code.',
          params: RefParams,
          headers: IdempotencyHeaders,
          body: actionBody(action as keyof typeof actionBodies),
          response: responses({ 200: Dossier }, errors),
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const { result } = await idempotent(
          db,
          {
            userId: principal.userId,
            key: request.headers['idempotency-key'],
            hash: requestHash('POST', `${request.params.ref}/${action}`, body),
          },
          async (tx) => {
            const done = await actOnDossierTx(
              tx,
              principal,
              request.params.ref,
              action,
              body,
              Date.now(),
              meta(request),
            );
            return { id: done.id, code: done.code };
          },
        );
        return getDossier(db, principal, result.code ?? result.id, Date.now());
      },
    );
  }

  // Codes are sequential, so lookups are limited per address; proofs of the last four digits more tightly,
  // per address and (wrong ones) per code. The numbers are in docs/security.md. One limiter (the plugin runs
  // one per request) with two counters per address.
  const limitLookups = app.rateLimit({
    timeWindow: '1 minute',
    keyGenerator: (request) =>
      (request.query as { lastFour?: string }).lastFour ? `proof|${request.ip}` : request.ip,
    max: (_request, key) => (key.startsWith('proof|') ? 20 : config.trackRatePerMinute),
  });
  const proofGuesses = new ProofGuesses({ max: 10, windowMs: 24 * 3600_000, maxCodes: 100_000 });
  app.get(
    '/api/v1/track/:code',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Public tracking by dossier code; personal data only to the applicant or with the last four digits',
        params: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 60 }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          {
            lastFour: Type.Optional(
              Type.String({ pattern: '^\\d{4}$', description: 'Last four digits of the phone or ID number' }),
            ),
          },
          { additionalProperties: false },
        ),
        // Documentation: the answer is sent as JSON already (see sendTracking), not serialised by this schema.
        response: responses({ 200: TrackingResult }, [400, 404, 429]),
      },
      onRequest(request, reply, done) {
        limitLookups.call(this, request, reply).then(() => done(), done);
      },
    },
    (request, reply) => {
      const json = trackDossierJson(
        db,
        request.params.code,
        { userId: principalOf(request)?.userId ?? null, lastFour: request.query.lastFour ?? null },
        trackCache,
        proofGuesses,
      );
      return typeof json === 'string'
        ? sendTracking(reply, json)
        : json.then((body) => sendTracking(reply, body));
    },
  );
}

// Not a closure made per request: under tsx every named closure costs a defineProperty call.
function sendTracking(reply: FastifyReply, json: string): FastifyReply {
  // Already JSON, so Fastify sends it as it is. Personal data must not sit in shared caches.
  return reply
    .header('cache-control', 'private, no-store')
    .type('application/json; charset=utf-8')
    .send(json);
}
