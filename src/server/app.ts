import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../domain/errors.ts';
import { installAuth } from './auth.ts';
import { installCompression } from './compression.ts';
import { errorBody, handleFrameworkError, installErrorHandling, sendError } from './errors.ts';
import { agencyRoutes } from './routes/agencies.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogPlugin } from './routes/catalog.ts';
import { createLocalFileStorage } from '../features/files/storage.ts';
import { pdfRenderer } from '../features/pdf/pool.ts';
import { dossierFilesPlugin } from './routes/dossier-files.ts';
import { deskRoutes } from './routes/desk.ts';
import { dossierFormRoutes } from './routes/dossier-forms.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { reportRoutes } from './routes/reports.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { healthRoutes } from './routes/health.ts';
import { importsPlugin } from './routes/imports.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { opinionRequestRoutes } from './routes/opinion-requests.ts';
import { staffRoutes } from './routes/staff.ts';
import { Caches } from './caches.ts';
import { installValidation } from './validation.ts';
import { installWeb } from './web.ts';
import { openapiDocument, transform } from './openapi.ts';

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

/**
 * The Content-Security-Policy of every answer (test/e2e/csp.e2e.test.ts visits the pages in Chromium and fails
 * on any violation). Scripts only from this site: the Vite build has no inline script, and swagger-ui loads
 * its files from /api/docs. Styles also 'unsafe-inline': Mantine writes its CSS variables and component styles
 * into <style> elements at run time, the landing page and swagger-ui use style attributes; a nonce would need
 * index.html rendered per request and still not cover style attributes. CSS cannot run script, so what this
 * leaves open is page restyling by an injected style, not script injection. Images also as data: (the
 * favicon, swagger-ui's icons). Frames and objects only from this site (the PDF preview of an attachment),
 * and this site framed only by itself (clickjacking); no base or form target elsewhere. No
 * upgrade-insecure-requests: a demo on the office network is plain http.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'"],
  objectSrc: ["'self'"],
  frameAncestors: ["'self'"],
  formAction: ["'self'"],
};

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
    frameworkErrors: handleFrameworkError,
  });
  installValidation(app);
  installErrorHandling(app);
  // Only JSON bodies: a cross-site form cannot send them without a CORS preflight we never grant.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  // Helmet's other headers as they come: Referrer-Policy no-referrer (a tracking address holds the dossier
  // code), X-Frame-Options SAMEORIGIN, nosniff, Cross-Origin-Opener/Resource-Policy same-origin.
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    hsts: false,
  });
  // HSTS only on answers that came over HTTPS (X-Forwarded-Proto with TRUST_PROXY): a demo on plain http must
  // not be told to insist on https. Without includeSubDomains, which would bind the agency's other sites too.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000');
    done();
  });
  await installCompression(app);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const err = new AppError('RATE_LIMITED', {
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      });
      return { statusCode: 429, ...errorBody(err) };
    },
  });
  // The document's ids, security, servers and tags: src/server/openapi.ts.
  await app.register(swagger, { openapi: openapiDocument, transform });
  // No validator badge: it is an image from validator.swagger.io, which the CSP refuses (and which would tell
  // that site who reads our API documentation).
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });

  const caches = await Caches.open(database, app.log);
  app.addHook('onClose', () => caches.close());

  // Threads start with the first print; closing the app lets the documents being rendered finish.
  const pdf = pdfRenderer({ threads: config.pdfThreads, maxQueue: config.pdfQueue });
  app.addHook('onClose', () => pdf.close());

  installAuth(app, database.pool, config, caches.sessions);
  healthRoutes(app, database.pool, config.filesDir);
  authRoutes(app, database.db, config);
  meRoutes(app, database.db, config);
  notificationRoutes(app, database.db);
  opinionRequestRoutes(app, database.db);
  agencyRoutes(app, database.db);
  staffRoutes(app, database.db);
  await app.register(catalogPlugin(database.db, caches.catalog));
  calendarRoutes(app, database.db);
  dossierRoutes(app, database.db, database.pool, config, caches.tracking);
  dossierFormRoutes(app, database.db, config, pdf);
  deskRoutes(app, database.db);
  reportRoutes(app, database.db, pdf);
  await app.register(dossierFilesPlugin(database.db, createLocalFileStorage(config.filesDir), config));
  await app.register(importsPlugin(database.db, config));

  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  const pageFallback = await installWeb(app);
  app.setNotFoundHandler(
    (request, reply) => pageFallback(request, reply) ?? sendError(reply, new AppError('NOT_FOUND')),
  );
  return app;
}
