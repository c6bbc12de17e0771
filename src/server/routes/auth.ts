import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { login } from '../../features/auth/login.ts';
import { register } from '../../features/auth/register.ts';
import { deleteAllSessions, deleteSession } from '../../features/auth/sessions.ts';
import { recordAudit } from '../../features/audit/record-audit.ts';
import { clearSessionCookie, clientMeta, requireSession, setSessionCookie } from '../auth.ts';
import { responses } from '../schemas.ts';
import type { SessionCache } from '../session-cache.ts';

const LoginBody = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Staff username, personal ID number or tax code',
    }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const LoginResult = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every state-changing request' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

const RegisterBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('business')]),
    personalId: Type.Optional(Type.String({ maxLength: 12, description: '12-digit personal ID number' })),
    taxCode: Type.Optional(Type.String({ maxLength: 14 })),
    organizationName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.String({ minLength: 1, maxLength: 20 }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const Done = Type.Object({ ok: Type.Boolean() });

export function authRoutes(root: FastifyInstance, db: Db, config: Config, cache: SessionCache): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a password; sets the session cookie',
        body: LoginBody,
        response: responses({ 200: LoginResult }, [400, 401, 429]),
      },
      config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = request.body;
      const session = await login(
        db,
        { ...body, ...clientMeta(request) },
        {
          maxFailures: config.loginMaxFailures,
          lockMinutes: config.loginLockMinutes,
          sessionIdleMinutes: config.sessionIdleMinutes,
        },
        new Date(),
      );
      setSessionCookie(request, reply, config, session.token, session.expiresAt);
      return {
        userId: session.userId,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End this session', response: responses({ 200: Done }, [401, 403]) },
    },
    async (request, reply) => {
      const session = requireSession(request);
      await deleteSession(db, session.id);
      cache.evictUser(session.principal.userId);
      clearSessionCookie(request, reply, config);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/auth/logout-all',
    {
      schema: {
        tags: ['auth'],
        summary: 'End every session of this account',
        response: responses({ 200: Done }, [401, 403]),
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      await db.transaction(async (tx) => {
        const ended = await deleteAllSessions(tx, session.principal.userId);
        await recordAudit(tx, {
          actorId: session.principal.userId,
          action: 'auth.logout_all',
          entity: 'user',
          entityId: session.principal.userId,
          data: { sessions: ended },
          ip: request.ip,
        });
      });
      cache.evictUser(session.principal.userId);
      clearSessionCookie(request, reply, config);
      return { ok: true };
    },
  );

  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a citizen or business account and log in',
        body: RegisterBody,
        response: responses({ 201: LoginResult }, [400, 409, 429]),
      },
      config: { rateLimit: { max: config.registerRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      if (request.session)
        throw new AppError('FORBIDDEN', { en: 'Log out before creating another account.' });
      const body = request.body;
      await register(db, body, clientMeta(request));
      const session = await login(
        db,
        {
          username: body.kind === 'citizen' ? body.personalId! : body.taxCode!,
          password: body.password,
          ...clientMeta(request),
        },
        {
          maxFailures: config.loginMaxFailures,
          lockMinutes: config.loginLockMinutes,
          sessionIdleMinutes: config.sessionIdleMinutes,
        },
        new Date(),
      );
      setSessionCookie(request, reply, config, session.token, session.expiresAt);
      return reply.status(201).send({
        userId: session.userId,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      });
    },
  );
}
