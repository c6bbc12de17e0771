import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';

/**
 * The address citizens reach the site at, for links that leave the site (the receipt's QR code, emailed
 * reset links). Never the request's Host header: anyone can send `Host: evil.example` and have a receipt
 * printed, or a reset link mailed, that points to their own site. `PUBLIC_URL` when set; a demo server
 * (`SEED_DEMO`, the default) falls back to the address it listens on; otherwise undefined, and what needs it
 * is refused (a real deployment sets `SEED_DEMO=false`, or its first start would load the demo province).
 */
export function siteUrl(request: FastifyRequest, config: Config): string | undefined {
  if (config.publicUrl) return config.publicUrl;
  if (!config.seedDemo) return undefined;
  const bound = request.server.server.address();
  const port = bound && typeof bound === 'object' ? bound.port : config.port;
  const host =
    config.host === '' || config.host === '0.0.0.0' || config.host === '::'
      ? 'localhost'
      : config.host.includes(':')
        ? `[${config.host}]`
        : config.host;
  return `http://${host}:${port}`;
}
