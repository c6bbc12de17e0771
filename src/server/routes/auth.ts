import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import {
  Done,
  LoginBody,
  LoginResult,
  PasswordResetBody,
  PasswordResetConfirmBody,
  RegisterBody,
} from '../../contracts/account.ts';
import { AppError } from '../../domain/errors.ts';
import { login } from '../../features/auth/login.ts';
import { register } from '../../features/auth/register.ts';
import { requestPasswordReset } from '../../features/auth/request-password-reset.ts';
import { resetPassword } from '../../features/auth/reset-password.ts';
import { deleteAllSessions, deleteSession } from '../../features/auth/sessions.ts';
import { recordAudit } from '../../features/audit/record-audit.ts';
import { queuePasswordResetMail } from '../../jobs/definitions.ts';
import { clearSessionCookie, clientMeta, requireSession, setSessionCookie } from '../auth.ts';
import { responses } from '../schemas.ts';
import { siteUrl } from '../site-url.ts';

export function authRoutes(root: FastifyInstance, db: Db, config: Config): void {
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
      config: { public: true, rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
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
      config: { public: true, rateLimit: { max: config.registerRatePerMinute, timeWindow: '1 minute' } },
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

  app.post(
    '/api/v1/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password-reset link by email',
        description:
          'Always 202 with the same body, whether or not the account exists or has an email address. ' +
          'When it does (and mail is on), a single-use link valid for 30 minutes is emailed to it.',
        body: PasswordResetBody,
        response: responses({ 202: Done }, [400, 429]),
      },
      config: { public: true, rateLimit: { max: config.passwordResetRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const baseUrl = siteUrl(request, config);
      if (config.mailTransport === 'none') {
        request.log.warn('password reset asked for while MAIL_TRANSPORT=none: no link can be sent');
      } else if (!baseUrl) {
        request.log.error('password reset asked for without PUBLIC_URL: no link can be sent');
      }
      await requestPasswordReset(
        db,
        request.body,
        clientMeta(request),
        new Date(),
        config.mailTransport === 'none' || !baseUrl
          ? undefined
          : (tx, userId) => queuePasswordResetMail(tx, { userId, baseUrl }),
      );
      return reply.status(202).send({ ok: true });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token of an emailed link; ends every session of the account',
        body: PasswordResetConfirmBody,
        response: responses({ 200: Done }, [400, 403, 429]),
      },
      // A token cannot be guessed (256 bits); this bounds the password hashing an address can cause.
      config: { public: true, rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { userId } = await resetPassword(db, request.body, clientMeta(request), new Date());
      if (request.session?.principal.userId === userId) clearSessionCookie(request, reply, config);
      return { ok: true };
    },
  );
}
