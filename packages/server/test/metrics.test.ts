import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { expect } from 'chai';
import { createEngine, localKeyEncryptionKey } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { prometheusMetrics } from '../src/index.js';
import { claimsOf, purchaseBody, tenants } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

describe('the metrics a service serves', () => {
  let issuer: TestIssuer;
  let service: TestService;

  before(async () => {
    issuer = await TestIssuer.start();
    const served = prometheusMetrics();
    const store = sqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'csp-server-metrics-')), 'metrics.db') });
    const engine = createEngine({ store, keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)), telemetry: { meterProvider: served.meterProvider } });
    service = await startService(testIdentity(issuer), { store, engine, metrics: served });
  });
  after(async () => {
    await service.close();
    await issuer.close();
  });

  it("include the engine's own when the engine records into the same meter provider, as csp-onprem serve wires it", async () => {
    const answer = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: await issuer.token(claimsOf.megan), body: purchaseBody('buy-metrics', 'sub-metrics') });
    expect(answer.status).to.equal(201);
    const text = (await service.call('GET', '/metrics')).text;
    expect(text).to.match(/^csp_onprem_commands(_total)?\{[^}]*PurchaseSoftware[^}]*\} 1$/m);
    expect(text).to.match(/^http_server_request_duration_count\{/m);
  });

  it("leave the process's global meter provider to the platform that embeds the service", () => {
    prometheusMetrics();
    const platforms = new MeterProvider();
    try {
      expect(metrics.setGlobalMeterProvider(platforms)).to.equal(true);
    } finally {
      metrics.disable();
    }
  });
});
