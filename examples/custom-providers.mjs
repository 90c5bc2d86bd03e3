// Plugging in providers of one's own: a clock, a key provider, a download-link provider and a
// key vault. The vault below keeps each tenant's data key wrapped under a master key, the way a
// KMS does (envelope encryption), and shows crypto-shredding: once a tenant's data key is
// destroyed its product keys can no longer be shown, yet the log still verifies.
// Run after `npm run build`: node examples/custom-providers.mjs
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore } from '@csp-onprem/engine';

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

// --- Key vault: one 256-bit data key per customer tenant. Data keys are stored wrapped
// (AES-256-GCM under a master key), as a row per tenant in a table would hold them.
function envelopeVault(masterKey) {
  const wrapped = new Map();
  const wrap = (dataKey) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { iv, body, tag: cipher.getAuthTag() };
  };
  const unwrap = ({ iv, body, tag }) => {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv);
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  };
  const current = new Map();
  return {
    wrapped,
    async dataKeyFor(tenantId) {
      if (!current.has(tenantId)) {
        const keyId = `${tenantId}/${randomBytes(8).toString('hex')}`;
        wrapped.set(keyId, { tenantId, ...wrap(randomBytes(32)) });
        current.set(tenantId, keyId);
      }
      const keyId = current.get(tenantId);
      return { keyId, key: unwrap(wrapped.get(keyId)) };
    },
    async existingDataKey(keyId) {
      const row = wrapped.get(keyId);
      return row === undefined ? undefined : unwrap(row);
    },
    async destroyDataKey(tenantId) {
      for (const [keyId, row] of wrapped) if (row.tenantId === tenantId) wrapped.delete(keyId);
      current.delete(tenantId);
    },
  };
}

const keyProvider = pooledKeyProvider(new Map([['CFQ7TTC0LH0R', ['DEMO1-AAAAA-BBBBB-CCCCC-DDDDD', 'DEMO2-EEEEE-FFFFF-GGGGG-HHHHH']]]));
const vault = envelopeVault(randomBytes(32));
const engine = createEngine({
  store: inMemoryStore(),
  clock: steppingClock(new Date('2024-11-04T08:00:00.000Z')),
  keyProvider,
  linkProvider: cdnLinkProvider('https://cdn.partner.example/software'),
  vault,
});

try {
  ok(
    await engine.execute({
      type: 'PurchaseSoftware',
      commandId: 'buy-77',
      actor: adminAgent,
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

  const got = ok(await engine.execute({ type: 'GetKey', commandId: 'key-77', actor: adminAgent, subscriptionId: 'SUB-77-1', variant }), 'GetKey');
  if (got.productKey !== 'DEMO1-AAAAA-BBBBB-CCCCC-DDDDD') throw new Error('the key should come from the pool');
  const issued = got.events[0];
  console.log(`key from our provider: ${issued.type} at ${issued.occurredAt} (our clock), fingerprint ${issued.data.fingerprint}`);
  if (JSON.stringify(issued.data).includes(got.productKey)) throw new Error('the stored event must not hold the plain key');
  console.log(`the stored event holds only ciphertext sealed under keyId ${issued.data.sealedKey.keyId} (the customer tenant)`);
  console.log(`the vault holds ${vault.wrapped.size} wrapped data key(s); the key provider was called ${keyProvider.calls.length} time(s)`);

  const link = ok(
    await engine.execute({ type: 'CopyDownloadLink', commandId: 'link-77', actor: adminAgent, subscriptionId: 'SUB-77-1', variant }),
    'CopyDownloadLink',
  );
  console.log(`link from our provider: ${link.events[0].data.link.replace(/sig=.*/, 'sig=...')} until ${link.events[0].data.expiresAt}`);

  const again = ok(await engine.execute({ type: 'GetKey', commandId: 'key-78', actor: adminAgent, subscriptionId: 'SUB-77-1', variant }), 'GetKey again');
  if (again.productKey !== got.productKey || keyProvider.calls.length !== 1) throw new Error('a second GetKey should unseal the stored key, not ask the provider');
  console.log(`asked again: ${again.events[0].type}, unsealed from the log with the tenant's data key (provider not called)`);

  const forgotten = ok(await engine.forgetTenant(CUSTOMER), 'forgetTenant');
  console.log(`forgot tenant ${forgotten.tenantId}: ${forgotten.keysShredded} key(s) shredded`);
  const shredded = await engine.execute({ type: 'GetKey', commandId: 'key-79', actor: adminAgent, subscriptionId: 'SUB-77-1', variant });
  if (E.isRight(shredded) || shredded.left.code !== 'KeyShredded') throw new Error('a destroyed data key should make the key unreadable');
  console.log(`after destroying the tenant's data key: ${shredded.left.code} (${shredded.left.message})`);

  const report = ok(await engine.verify(), 'verify');
  if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.firstFailure)}`);
  console.log(`the log still verifies: ok=${report.ok}, ${report.events} events`);
} finally {
  await engine.close();
}
