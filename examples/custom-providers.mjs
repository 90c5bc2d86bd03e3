// Plugging in providers of one's own: a clock, a key provider, a download-link provider and a
// key-encryption key backed by "our KMS". The SQLite file keeps each tenant's data key wrapped
// by that KEK (envelope encryption; the KMS's own key never leaves it), and the example shows
// crypto-shredding: once a tenant's data key is destroyed its product keys can no longer be
// shown, yet the log still verifies.
// Run after `npm run build`: node examples/custom-providers.mjs
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, WrappedKeyRejectedError } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';

const PARTNER = '44444444-4444-4444-8444-444444444444';
const CUSTOMER = '55555555-5555-4555-8555-555555555555';
const adminAgent = { userId: 'omar@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2021', language: 'de-de', bitness: '32-bit' };

function ok(result, what) {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

// --- Clock: any `() => Date`. This one starts at a business date and moves one second per reading,
// so every event gets a distinct, reproducible timestamp.
function steppingClock(start) {
  let ticks = 0;
  return () => new Date(start.getTime() + 1000 * ticks++);
}

// --- Key provider: where product keys come from (Partner Center in production). This one hands
// out keys from a pool per product and answers a retried command id with the key it gave before.
function pooledKeyProvider(pools) {
  const givenTo = new Map();
  const calls = [];
  return {
    calls,
    async issueKey({ purchase, variant: wanted, commandId }) {
      calls.push(`${purchase.subscriptionId} ${wanted.version} ${wanted.language} ${wanted.bitness}`);
      const earlier = givenTo.get(commandId);
      if (earlier !== undefined) return earlier;
      const key = pools.get(purchase.product.productId)?.shift();
      // A provider that cannot deliver throws; the engine turns that into a StoreUnavailable value.
      if (key === undefined) throw new Error(`no key left in the pool of ${purchase.product.productId}`);
      givenTo.set(commandId, key);
      return key;
    },
  };
}

// --- Link provider: decides the link and its expiry. Here: a CDN path valid for 7 days.
function cdnLinkProvider(baseUrl) {
  return {
    async createLink({ purchase, variant: wanted, now }) {
      const path = [purchase.product.skuId, wanted.version, wanted.language, wanted.bitness].map(encodeURIComponent).join('/');
      return { url: `${baseUrl}/${path}?sig=${randomBytes(8).toString('hex')}`, expiresAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000) };
    },
  };
}

// --- Key-encryption key: the port is three members (keyId, wrap, unwrap). A KMS adapter calls
// its service's wrap and unwrap (Azure Key Vault's wrapKey/unwrapKey, AWS KMS Encrypt/Decrypt);
// this one stands in for a KMS with AES-256-GCM under a master key that only "the KMS" holds.
function kmsKeyEncryptionKey(kmsKeyName, masterKey) {
  let calls = 0;
  return {
    keyId: `our-kms:${kmsKeyName}`,
    get calls() {
      return calls;
    },
    async wrap(dataKey) {
      calls += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      return new Uint8Array(Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]));
    },
    async unwrap(wrapped) {
      calls += 1;
      const bytes = Buffer.from(wrapped);
      const decipher = createDecipheriv('aes-256-gcm', masterKey, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(-16));
      try {
        return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(12, -16)), decipher.final()]));
      } catch {
        // The KMS's "bad ciphertext" answer: the engine reports a wrong KEK, not an outage.
        throw new WrappedKeyRejectedError(`${kmsKeyName} cannot unwrap these bytes`);
      }
    },
  };
}

const keyProvider = pooledKeyProvider(new Map([['CFQ7TTC0LH0R', ['DEMO1-AAAAA-BBBBB-CCCCC-DDDDD', 'DEMO2-EEEEE-FFFFF-GGGGG-HHHHH']]]));
const kek = kmsKeyEncryptionKey('csp-onprem-kek-2025', randomBytes(32));
const dir = await mkdtemp(join(tmpdir(), 'csp-onprem-providers-'));
const engine = createEngine({
  store: sqliteStore({ path: join(dir, 'csp.db') }),
  clock: steppingClock(new Date('2024-11-04T08:00:00.000Z')),
  keyProvider,
  linkProvider: cdnLinkProvider('https://cdn.partner.example/software'),
  keyEncryptionKey: kek,
});

try {
  ok(
    await engine.as(adminAgent).execute({
      type: 'PurchaseSoftware',
      commandId: 'buy-77',
      partnerId: PARTNER,
      customer: { tenantId: CUSTOMER, domain: 'fabrikam.de' },
      orderId: 'ORD-77',
      subscriptionId: 'SUB-77-1',
      product: { productId: 'CFQ7TTC0LH0R', skuId: '0003', title: 'Office LTSC Professional Plus 2021', versions: ['2021'], languages: ['de-de', 'en-us'], bitness: ['32-bit', '64-bit'] },
      quantity: 10,
      unitPrice: { amount: 43999, currency: 'USD' },
      cancellationPolicy: { windowDays: 30, creditPercent: 100 },
    }),
    'PurchaseSoftware',
  );
  console.log('bought 10 x Office LTSC 2021 with a 30-day cancellation policy recorded on the purchase');

  const got = ok(await engine.as(adminAgent).execute({ type: 'GetKey', commandId: 'key-77', subscriptionId: 'SUB-77-1', variant }), 'GetKey');
  if (got.productKey !== 'DEMO1-AAAAA-BBBBB-CCCCC-DDDDD') throw new Error('the key should come from the pool');
  const issued = got.events[0];
  console.log(`key from our provider: ${issued.type} at ${issued.occurredAt} (our clock), fingerprint ${issued.data.fingerprint}`);
  if (JSON.stringify(issued.data).includes(got.productKey)) throw new Error('the stored event must not hold the plain key');
  console.log(`the stored event holds only ciphertext sealed under keyId ${issued.data.sealedKey.keyId} (the customer tenant)`);
  console.log(`our KMS was asked ${kek.calls} time(s) (to wrap the tenant's new data key); the key provider was called ${keyProvider.calls.length} time(s)`);

  const link = ok(
    await engine.as(adminAgent).execute({ type: 'CopyDownloadLink', commandId: 'link-77', subscriptionId: 'SUB-77-1', variant }),
    'CopyDownloadLink',
  );
  console.log(`link from our provider, for whoever copied it: ${link.downloadLink.url.replace(/sig=.*/, 'sig=...')} until ${link.events[0].data.expiresAt}`);
  console.log(`the log keeps only its host ${link.events[0].data.linkHost} and fingerprint ${link.events[0].data.linkFingerprint}`);

  const again = ok(await engine.as(adminAgent).execute({ type: 'GetKey', commandId: 'key-78', subscriptionId: 'SUB-77-1', variant }), 'GetKey again');
  if (again.productKey !== got.productKey || keyProvider.calls.length !== 1) throw new Error('a second GetKey should unseal the stored key, not ask the provider');
  console.log(`asked again: ${again.events[0].type}, unsealed from the log with the tenant's data key (provider not called)`);

  const forgotten = ok(await engine.forgetTenant(CUSTOMER), 'forgetTenant');
  console.log(`forgot tenant ${forgotten.tenantId}: ${forgotten.keysShredded} key(s) shredded`);
  const shredded = await engine.as(adminAgent).execute({ type: 'GetKey', commandId: 'key-79', subscriptionId: 'SUB-77-1', variant });
  if (E.isRight(shredded) || shredded.left.code !== 'KeyShredded') throw new Error('a destroyed data key should make the key unreadable');
  console.log(`after destroying the tenant's data key: ${shredded.left.code} (${shredded.left.message})`);

  const report = ok(await engine.verify(), 'verify');
  if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.firstFailure)}`);
  console.log(`the log still verifies: ok=${report.ok}, ${report.events} events`);
} finally {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
}
