import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { documentedRoutes, openApiDocument, openApiText, problemTypes } from '../src/index.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity } from './support/test-service.js';

const COMMITTED = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

type Node = { [key: string]: unknown };

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  const document = openApiDocument(documentedRoutes) as Node;

  it('is committed as docs/openapi.json and current (run `npm run openapi` after changing a route or a schema)', () => {
    expect(readFileSync(COMMITTED, 'utf8') === openApiText(), 'docs/openapi.json is stale: run `npm run openapi` and commit it').to.equal(true);
  });

  it('is what GET /openapi.json serves, without a token', async () => {
    const issuer = await TestIssuer.start();
    const service = await startService(testIdentity(issuer));
    try {
      const answer = await service.call('GET', '/openapi.json');
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal(document);
      for (const spec of documentedRoutes) expect(service.app.hasRoute({ method: spec.method, url: spec.url }), `${spec.method} ${spec.url}`).to.equal(true);
    } finally {
      await service.close();
      await issuer.close();
    }
  });

  it('is OpenAPI 3.1 whose every reference resolves and every operation has a unique id', () => {
    expect(document['openapi']).to.equal('3.1.0');
    const schemas = (document['components'] as Node)['schemas'] as Node;
    for (const ref of refsIn(document)) {
      expect(ref).to.match(/^#\/components\/schemas\//);
      expect(schemas, ref).to.have.property(ref.slice('#/components/schemas/'.length));
    }
    const ids = Object.values(document['paths'] as Node).flatMap((path) => Object.values(path as Node).map((operation) => (operation as Node)['operationId']));
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('documents the status of every problem a route can answer, by the one mapping', () => {
    const keys = (((document['paths'] as Node)['/v1/purchases/{subscriptionId}/keys'] as Node)['post'] as Node)['responses'] as Node;
    expect(Object.keys(keys)).to.include.members(['200', '400', '401', '403', '404', '409', '410', '413', '415', '422', '500', '503']);
    expect((keys['410'] as Node)['description']).to.include('KeyShredded');
    for (const [code, { status }] of Object.entries(problemTypes)) {
      const documented = JSON.stringify(document).includes(`\`${code}\``);
      expect(documented || status === 404, code).to.equal(true);
    }
  });

  it('marks every /v1 operation as needing a bearer token, and the operational ones as not', () => {
    for (const [path, operations] of Object.entries(document['paths'] as Node)) {
      for (const operation of Object.values(operations as Node)) {
        expect((operation as Node)['security'], path).to.deep.equal(path.startsWith('/v1/') ? [{ bearer: [] }] : []);
      }
    }
  });

  it('maps each command type of POST /v1/commands to its schema, as the validator tells them apart', () => {
    const command = ((document['components'] as Node)['schemas'] as Node)['Command'] as Node;
    expect((command['discriminator'] as Node)['mapping']).to.deep.equal({
      PurchaseSoftware: '#/components/schemas/PurchaseSoftwareCommand',
      GetKey: '#/components/schemas/GetKeyCommand',
      DownloadSoftware: '#/components/schemas/DownloadSoftwareCommand',
      CopyDownloadLink: '#/components/schemas/CopyDownloadLinkCommand',
      RequestCancellation: '#/components/schemas/RequestCancellationCommand',
      CompleteCancellation: '#/components/schemas/CompleteCancellationCommand',
      RejectCancellation: '#/components/schemas/RejectCancellationCommand',
    });
  });
});
