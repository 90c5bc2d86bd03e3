import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The portal's files, shipped beside `dist/` in the package. */
const PORTAL_DIR = new URL('../../portal/', import.meta.url);

const files: Readonly<Record<string, string>> = {
  'portal.js': 'text/javascript; charset=utf-8',
  'portal.css': 'text/css; charset=utf-8',
};

/** The page may load its own script and style and call its own origin's API, nothing else. */
export const PORTAL_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the partner portal at `/`: a page and a small script that use only the public HTTP API
 * (and, in development mode, `/dev/personas` for the persona switcher).
 */
export function registerPortalRoutes(app: FastifyInstance): void {
  const page = readFileSync(new URL('index.html', PORTAL_DIR), 'utf8');
  const assets = new Map(Object.entries(files).map(([name, type]) => [name, { type, text: readFileSync(new URL(name, PORTAL_DIR), 'utf8') }]));
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', PORTAL_CONTENT_SECURITY_POLICY).send(page));
  for (const [name, asset] of assets) {
    app.get(`/portal/${name}`, async (_request, reply) => reply.type(asset.type).send(asset.text));
  }
}
