import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Principal } from '../domain/access/policy.ts';
import { AppError } from '../domain/errors.ts';
import {
  hashToken,
  loadSession,
  SESSION_COOKIE,
  touchSession,
  type LoadedSession,
} from '../features/auth/sessions.ts';
import type { SessionCache } from './session-cache.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | undefined;
  }
  interface FastifyContextConfig {
    /**
     * A state-changing route that answers callers without a session (login, registration, password reset).
     * Every other POST, PUT, PATCH and DELETE under /api/ is refused with 401 before its body is read.
     */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the session from its cookie for API requests, and requires the session's CSRF token in
 * the X-CSRF-Token header on every state-changing request made with a session. SameSite=Lax
 * cookies already stop most cross-site posts; the token covers same-site subdomains and old browsers.
 */
export function installAuth(app: FastifyInstance, pool: pg.Pool, config: Config, cache: SessionCache): void {
  app.decorateRequest('session', undefined);
  const attach = async (request: FastifyRequest, token: string) => {
    const now = new Date();
    const id = hashToken(token);
    let session = cache.get(id, now.getTime());
    if (!session) {
      session = await loadSession(pool, id, now);
      if (!session) return;
      cache.set(session, now.getTime());
    }
    request.session = session;
    await touchSession(pool, session, now, config.sessionIdleMinutes);
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken))
        throw new AppError('CSRF_INVALID');
    }
  };
  // A callback hook, so that a request without a session (public tracking and the catalog, the busiest
  // reads) goes on at once instead of through a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return done(anonymousRefusal(request));
    attach(request, token).then(() => done(anonymousRefusal(request)), done);
  });
}

/**
 * onRequest runs before the body is read: an anonymous caller must not make the server receive and parse
 * up to 64 MiB (catalog import) or 20 MB (uploads) only to be told 401 at the end.
 */
function anonymousRefusal(request: FastifyRequest): AppError | undefined {
  if (request.session || SAFE_METHODS.has(request.method) || request.is404) return undefined;
  return request.routeOptions.config.public ? undefined : new AppError('UNAUTHENTICATED');
}

/**
 * A route onRequest hook that checks the caller before the body is read, for routes with large bodies
 * (imports, uploads): nobody but the callers it lets through can make the server read and parse one.
 */
export function beforeBody(allowed: (principal: Principal) => boolean) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void => {
    const principal = request.session?.principal;
    if (!principal) return done(new AppError('UNAUTHENTICATED'));
    done(allowed(principal) ? undefined : new AppError('FORBIDDEN'));
  };
}

export function principalOf(request: FastifyRequest): Principal | undefined {
  return request.session?.principal;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  const principal = request.session?.principal;
  if (!principal) throw new AppError('UNAUTHENTICATED');
  return principal;
}

export function requireSession(request: FastifyRequest): LoadedSession {
  if (!request.session) throw new AppError('UNAUTHENTICATED');
  return request.session;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(request, config),
    // Expiry slides on the server; the browser keeps the cookie for the absolute maximum.
    maxAge: Math.max(60, Math.round((expiresAt.getTime() - Date.now()) / 1000)) + 30 * 24 * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, config: Config): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(request, config),
  });
}

function cookieSecure(request: FastifyRequest, config: Config): boolean {
  switch (config.cookieSecure) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      return request.protocol === 'https';
  }
}

export function clientMeta(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}
