import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../domain/errors.ts';
import { installAuth } from './auth.ts';
import { errorBody, installErrorHandling, sendError } from './errors.ts';
import { agencyRoutes } from './routes/agencies.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogPlugin } from './routes/catalog.ts';
import { createLocalFileStorage } from '../features/files/storage.ts';
import { dossierFilesPlugin } from './routes/dossier-files.ts';
import { dossierFormRoutes } from './routes/dossier-forms.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { reportRoutes } from './routes/reports.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { healthRoutes } from './routes/health.ts';
import { importsPlugin } from './routes/imports.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { staffRoutes } from './routes/staff.ts';
import { SessionCache } from './session-cache.ts';
import { TrackCache } from '../features/dossiers/track-cache.ts';
import type { TrackedDossier } from '../features/dossiers/track-dossier.ts';
import { installValidation } from './validation.ts';
import { installWeb } from './web.ts';

export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  // Credentials and personal data never reach the logs.
  redact: {
    paths: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
      '*.password',
      '*.personalId',
    ],
    censor: '[redacted]',
  },
});

export async function buildApp(options: {
  database: Database;
  config: Config;
  logger?: FastifyServerOptions['logger'];
}): Promise<FastifyInstance> {
  const { database, config } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Request ids in logs; never echoed with internals to the client.
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  installValidation(app);
  installErrorHandling(app);
  // Only JSON bodies: a cross-site form cannot send them without a CORS preflight we never grant.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const err = new AppError('RATE_LIMITED', {
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      });
      return { statusCode: 429, ...errorBody(err) };
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        version: '1',
        description:
          'Electronic one-stop shop for administrative procedures. Errors share one shape: ' +
          '{ "error": { "code", "message" (Vietnamese), "message_en", "field" } }. Logged-in requests carry the ' +
          'session cookie; state-changing ones also need the X-CSRF-Token header returned by login and /api/v1/me.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'motcua_sid' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const sessionCache = new SessionCache(
    { connectionString: database.pool.options.connectionString },
    {
      ttlMs: 30_000,
      maxEntries: 50_000,
      onError: (err) => app.log.warn({ err }, 'session cache listener lost'),
    },
  );
  await sessionCache.start();
  app.addHook('onClose', () => sessionCache.stop());
  const trackCache = new TrackCache<TrackedDossier>(
    { connectionString: database.pool.options.connectionString },
    {
      ttlMs: 30_000,
      maxEntries: 20_000,
      onError: (err) => app.log.warn({ err }, 'tracking cache listener lost'),
    },
  );
  await trackCache.start();
  app.addHook('onClose', () => trackCache.stop());

  installAuth(app, database.pool, config, sessionCache);
  healthRoutes(app, database.pool);
  authRoutes(app, database.db, config, sessionCache);
  meRoutes(app, database.db, config, sessionCache);
  notificationRoutes(app, database.db);
  agencyRoutes(app, database.db, sessionCache);
  staffRoutes(app, database.db, sessionCache);
  await app.register(catalogPlugin(database));
  calendarRoutes(app, database.db);
  dossierRoutes(app, database.db, database.pool, config, trackCache);
  dossierFormRoutes(app, database.db, config);
  reportRoutes(app, database.db);
  await app.register(dossierFilesPlugin(database.db, createLocalFileStorage(config.filesDir), config));
  await app.register(importsPlugin(database.db, config));

  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  const pageFallback = await installWeb(app);
  app.setNotFoundHandler(
    (request, reply) => pageFallback(request, reply) ?? sendError(reply, new AppError('NOT_FOUND')),
  );
  return app;
}
