import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { landingPage } from './landing.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web');
export const webDist = path.join(webRoot, 'dist');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The web app is built at `npm install` (prepare); a start after the sources changed rebuilds it. */
export function webBuildNeeded(): boolean {
  const index = path.join(webDist, 'index.html');
  if (!existsSync(index)) return true;
  return newestSource(webRoot) > statSync(index).mtimeMs;
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
}

function wantsPage(request: FastifyRequest): boolean {
  const url = request.url;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !url.startsWith('/api/') &&
    !url.startsWith('/health/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

/**
 * Serves the built web app at / (hashed assets cached for a year, pages never), and index.html for
 * any other page path so the client-side router can take it. Without a build, a plain landing page.
 * Files are sent as the build compressed them (`.br`, `.gz` beside each, src/web/vite.config.ts) when the
 * browser accepts it, with `Vary: Accept-Encoding`; never compressed again per request (src/server/compression.ts).
 * Returns the handler that answers a not-found page request, for the server's not-found handler.
 */
export async function installWeb(
  app: FastifyInstance,
): Promise<(request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(landingPage()),
    );
    return () => undefined;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (res, filePath) => {
      void res.header(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  return (request, reply) =>
    wantsPage(request) ? reply.header('cache-control', 'no-cache').sendFile('index.html') : undefined;
}
