import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type pg from 'pg';
import type { Db } from '../../db/client.ts';
import { poolRunner } from '../../db/statements.ts';
import {
  actionDefinitions,
  channelNames,
  channels,
  dossierStatuses,
  nationalChannelCodes,
  nationalStatusCodes,
  paperDeliveries,
  quickRatings,
  ratingCriteria,
  resultMethods,
  statusDefinitions,
  type DossierAction,
} from '../../domain/dossier/index.ts';
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
import {
  AgencyCode,
  Instant,
  IsoDate,
  NullableString,
  Pagination,
  responses,
  StringEnum,
} from '../schemas.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const TextList = (max: number) => Type.Array(Text(max), { minItems: 1, maxItems: 200 });
const OpinionAttachments = Type.Array(Type.String({ format: 'uuid' }), {
  maxItems: 20,
  uniqueItems: true,
  description: 'Ids of files uploaded with PUT /api/v1/dossiers/{ref}/opinion-files/{request|reply}',
});
const Version = Type.Optional(
  Type.Integer({ minimum: 0, description: 'The dossier version you saw; another one is answered 409' }),
);

const Applicant = Type.Object(
  {
    kind: Type.Optional(StringEnum(['citizen', 'business'] as const)),
    name: Type.Optional(Text(200)),
    personalId: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{12}$' }), Type.Null()])),
    taxCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{10}(-\\d{3})?$' }), Type.Null()])),
    organizationName: Type.Optional(Type.Union([Text(300), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    address: Type.Optional(Type.Union([Text(500), Type.Null()])),
    capacity: Type.Optional(
      StringEnum(['owner', 'filer', 'representative'] as const, {
        description: 'owner (chủ hồ sơ), filer (người nộp thay), representative (người được ủy quyền)',
      }),
    ),
    representative: Type.Optional(
      Type.Union([
        Type.Object(
          {
            name: Text(200),
            personalId: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{12}$' }), Type.Null()])),
            phone: Type.Optional(Type.Union([Type.String({ pattern: '^\\+?[0-9 .-]{8,20}$' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    authorisation: Type.Optional(
      Type.Union([
        Type.Object(
          {
            number: Text(100),
            date: Type.Optional(Type.Union([IsoDate, Type.Null()])),
            issuer: Type.Optional(Type.Union([Text(300), Type.Null()])),
          },
          { additionalProperties: false, description: 'The authorising document (giấy ủy quyền)' },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

const CreateDossier = Type.Object(
  {
    procedure: Type.String({ minLength: 1, maxLength: 60, description: 'Procedure code' }),
    caseIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 49 }), Type.Null()])),
    agency: Type.Optional(AgencyCode),
    channel: StringEnum(channels),
    intakeAgency: Type.Optional(AgencyCode),
    applicant: Type.Optional(Applicant),
    waybill: Type.Optional(Text(50)),
    submit: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

const Dossier = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: NullableString,
    version: Type.Integer(),
    status: StringEnum(dossierStatuses),
    nationalStatusCode: Type.Union([Type.Integer(), Type.Null()]),
    channel: StringEnum(channels),
    nationalChannelCode: Type.Integer(),
    dueAt: NullableString,
    actions: Type.Array(Type.String(), { description: 'The actions the caller may take now' }),
  },
  { additionalProperties: true, title: 'Dossier' },
);

/** One body schema per action: what the caller types; the server adds code, deadline and agency itself. */
const actionBodies = {
  submit: {},
  receive: {
    provided: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 199 }), {
        maxItems: 200,
        description: 'Components found present at the desk',
      }),
    ),
  },
  request_supplement: { items: TextList(1000), reason: Text(2000) },
  refuse: { reasons: TextList(1000) },
  provide_supplement: { items: TextList(1000) },
  forward: {},
  assign: { assigneeId: Type.String({ format: 'uuid' }) },
  complete_step: { note: Type.Optional(Text(2000)) },
  return_step: { reason: Text(2000) },
  send_to_cooperating: {
    agencies: Type.Array(AgencyCode, { minItems: 1, maxItems: 20 }),
    question: Text(2000),
    replyWorkingDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 60,
        description: 'Working days the asked agencies have to answer, by each one’s calendar (default 3)',
      }),
    ),
    attachments: Type.Optional(OpinionAttachments),
  },
  cooperating_result: {
    result: Text(2000),
    note: Type.Optional(Text(2000)),
    attachments: Type.Optional(OpinionAttachments),
  },
  approve: { note: Type.Optional(Text(2000)) },
  issue: { resultNumber: Text(100), electronic: Type.Optional(Type.Boolean()) },
  request_financial_obligation: {
    noticeNumber: Text(100),
    amountVnd: Type.Integer({ minimum: 0, maximum: 1e12 }),
  },
  record_payment: { amountVnd: Type.Integer({ minimum: 0, maximum: 1e12 }), transactionId: Text(200) },
  apologize: { reason: Text(2000), newDueAt: Instant },
  request_withdrawal: { reason: Text(2000) },
  stop: { reason: Text(2000) },
  return_result: {
    methods: Type.Array(StringEnum(resultMethods), { minItems: 1, maxItems: 2 }),
    delivery: Type.Optional(StringEnum(paperDeliveries)),
    receivedBy: Type.Optional(Text(200)),
    receivedAt: Type.Optional(Instant),
  },
  rate: {
    quick: StringEnum(quickRatings),
    criteria: Type.Object(
      Object.fromEntries(ratingCriteria.map((c) => [c, Type.Integer({ minimum: 0, maximum: 2 })])),
      { additionalProperties: false },
    ),
    comment: Type.Optional(Text(2000)),
  },
} satisfies Record<Exclude<DossierAction, 'save_draft'>, Record<string, TSchema>>;

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
        response: { 200: Type.Object({}, { additionalProperties: true }) },
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
      actions: Object.entries(actionDefinitions).map(([action, d]) => ({
        action,
        vi: d.vi,
        en: d.en,
        form: 'form' in d ? d.form : null,
      })),
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
        response: responses({
          200: Type.Object({
            items: Type.Array(Type.Object({}, { additionalProperties: true })),
            total: Type.Integer(),
            totalIsCapped: Type.Boolean({ description: 'More than 10,000 dossiers match; total is 10,000' }),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        }),
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
        body: Type.Object(
          { version: Version, applicant: Type.Optional(Applicant), waybill: Type.Optional(Text(50)) },
          { additionalProperties: false },
        ),
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

  for (const [action, fields] of Object.entries(actionBodies)) {
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
          body: Type.Object({ version: Version, ...fields }, { additionalProperties: false }),
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
        response: responses({ 200: Type.Object({}, { additionalProperties: true }) }, [400, 404, 429]),
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
