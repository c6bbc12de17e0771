import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { Me, PasswordBody, Profile, ProfileBody, Session, Done } from '../../contracts/account.ts';
import { changePassword, getMe, updateProfile } from '../../features/me/me.ts';
import type { LoadedSession } from '../../features/auth/sessions.ts';
import { clientMeta, requireSession } from '../auth.ts';
import { responses } from '../schemas.ts';

function meLite(session: LoadedSession): Me {
  const p = session.principal;
  return {
    id: p.userId,
    kind: p.kind,
    username: p.username,
    fullName: p.fullName,
    roles: p.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })),
    csrfToken: session.csrfToken,
  };
}

export function meRoutes(root: FastifyInstance, db: Db, config: Config): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Answered from the session alone: every page asks it, so it must cost no more than the session lookup.
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Who is logged in, with roles and the CSRF token (from the session, no further query)',
        response: responses({ 200: Me }, [401]),
      },
    },
    (request) => Promise.resolve(meLite(requireSession(request))),
  );
  // What the web app asks on every first load: a visitor is an answer (me: null), not a 401 in every
  // visitor's console and network log (issue 14: no page's first load has a 4xx).
  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in, if anyone: as /api/v1/me, or me: null for a visitor',
        response: responses({ 200: Session }, []),
      },
    },
    (request) => Promise.resolve({ me: request.session ? meLite(request.session) : null }),
  );
  app.get(
    '/api/v1/me/profile',
    {
      schema: {
        tags: ['me'],
        summary: 'The full profile of the logged-in user',
        response: responses({ 200: Profile }, [401]),
      },
    },
    async (request) => {
      const session = requireSession(request);
      return { ...(await getMe(db, session.principal.userId)), csrfToken: session.csrfToken };
    },
  );
  app.patch(
    '/api/v1/me/profile',
    {
      schema: {
        tags: ['me'],
        summary: 'Change contact details',
        body: ProfileBody,
        response: responses({ 200: Profile }, [400, 401, 403, 409]),
      },
    },
    async (request) => {
      const session = requireSession(request);
      const view = await updateProfile(db, session.principal.userId, request.body, clientMeta(request));
      return { ...view, csrfToken: session.csrfToken };
    },
  );
  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['me'],
        summary: 'Change password; ends every other session',
        body: PasswordBody,
        response: responses({ 200: Done }, [400, 401, 403, 429]),
      },
      // Each attempt costs an argon2 hash; wrong current passwords also lock (see changePassword).
      config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const session = requireSession(request);
      await changePassword(
        db,
        session.principal.userId,
        session.id,
        request.body,
        clientMeta(request),
        { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes },
        new Date(),
      );
      return { ok: true };
    },
  );
}
