import type { FastifyInstance } from 'fastify';
import { DEVELOPMENT_WARNING, type DevelopmentIdentity } from '../identity/dev-identity.js';

/**
 * Development mode only: the JWKS of the key generated in this process, and the personas with
 * their tokens, for the portal's switcher. Not in the OpenAPI document: never part of the API.
 */
export function registerDevRoutes(app: FastifyInstance, development: DevelopmentIdentity): void {
  app.get('/dev/jwks.json', async (_request, reply) => reply.type('application/jwk-set+json').send(JSON.stringify(development.jwks)));
  app.get('/dev/personas', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({
      warning: DEVELOPMENT_WARNING,
      issuer: development.issuer,
      audience: development.audience,
      personas: development.personas,
      customers: development.customers,
    }),
  );
}
