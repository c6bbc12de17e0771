import compress from '@fastify/compress';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** Answers below this many bytes go as they are: compressing them saves less than a packet. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Whether a route's answers may be compressed on the fly. Only the API: the web app's files are compressed
 * once at build time (src/web/vite.config.ts) and sent as they are by @fastify/static. Not the answers that
 * carry the CSRF token (login, register, /me): a secret beside text a third party can influence, compressed,
 * leaks through its length (BREACH); these answers are small anyway.
 */
export function compressible(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/v1/auth/') && !url.startsWith('/api/v1/me');
}

/**
 * Compresses API answers of at least COMPRESS_THRESHOLD bytes, brotli (quality 4, the plugin's default: cheap
 * enough per request) or gzip as the client accepts. Types that are compressed already (PDF, images, xlsx,
 * zip) are left alone: @fastify/compress asks mime-db. Request bodies are not decompressed: the body limit
 * then holds for the bytes we parse. Register before the routes (an onRoute hook decides per route).
 */
export async function installCompression(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!compressible(route.url)) route.compress = false;
  });
  await app.register(compress, {
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
}
