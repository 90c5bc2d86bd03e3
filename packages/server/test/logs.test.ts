import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createEngine, localKeyEncryptionKey } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { claimsOf, purchaseBody, tenants, variant } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity } from './support/test-service.js';

describe('the service log', () => {
  it('has a JSON line per request with its request id, and never a product key, a link, a token or the KEK', async () => {
    const issuer = await TestIssuer.start();
    const dir = mkdtempSync(join(tmpdir(), 'csp-server-logs-'));
    const lines: string[] = [];
    const kekText = randomBytes(32).toString('base64');
    const store = sqliteStore({ path: join(dir, 'logs.db') });
    const engine = createEngine({ store, keyEncryptionKey: localKeyEncryptionKey(kekText) });
    const service = await startService(testIdentity(issuer), { store, engine, log: { level: 'debug', stream: { write: (line) => lines.push(line) } } });
    try {
      const token = await issuer.token(claimsOf.megan);
      await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token, body: purchaseBody('buy-l1', 'sub-l1') });
      const key = await service.call('POST', '/v1/purchases/sub-l1/keys', { token, headers: { 'x-request-id': 'log-trace-1' }, body: { commandId: 'key-l1', variant } });
      const link = await service.call('POST', '/v1/purchases/sub-l1/links', { token, body: { commandId: 'link-l1', variant } });
      const expired = await issuer.token(claimsOf.megan, { expiresIn: -600 });
      await service.call('GET', '/v1/me', { token: expired });
      await service.call('POST', '/v1/commands', { token, raw: '{"broken', contentType: 'application/json' });

      const log = lines.join('');
      const records = lines.map((line) => JSON.parse(line) as { requestId?: string; msg?: string });
      expect(records.filter((record) => record.requestId === 'log-trace-1').map((record) => record.msg)).to.include.members(['incoming request', 'request completed']);
      expect(records.some((record) => record.msg === 'bearer token refused')).to.equal(true);
      const secrets = {
        productKey: key.body.productKey as string,
        link: link.body.link.url as string,
        linkToken: new URL(link.body.link.url as string).searchParams.get('token') as string,
        tokenSignature: token.split('.')[2] as string,
        expiredSignature: expired.split('.')[2] as string,
        kek: kekText,
      };
      for (const [name, secret] of Object.entries(secrets)) expect(log, name).to.not.include(secret);
      expect(log).to.not.match(/authorization/i);
    } finally {
      await service.close();
      await issuer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
