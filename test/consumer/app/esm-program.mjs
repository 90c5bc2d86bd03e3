// An ES module program of a platform that installed csp-onprem from the registry: it buys
// software for a customer, gets a product key and lists the customer's software on a SQLite
// file (the first argument), then prints what it saw as one JSON line.
import { randomBytes } from 'node:crypto';
import { createEngine, localKeyEncryptionKey } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';

const PARTNER = '0a0a0a0a-1111-4111-8111-111111111111';
const CUSTOMER = '0c0c0c0c-2222-4222-8222-222222222222';
const agent = { userId: 'alice@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };

function ok(result, what) {
  if (result._tag === 'Left') throw new Error(`${what}: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

const engine = createEngine({ store: sqliteStore({ path: process.argv[2] }), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
try {
  const session = engine.as(agent);
  const bought = ok(
    await session.execute({
      type: 'PurchaseSoftware',
      commandId: 'esm-buy-1',
      partnerId: PARTNER,
      customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
      orderId: 'ESM-1001',
      subscriptionId: 'ESM-1001-1',
      product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
      quantity: 2,
      unitPrice: { amount: 89900, currency: 'USD' },
    }),
    'PurchaseSoftware',
  );
  const key = ok(await session.execute({ type: 'GetKey', commandId: 'esm-key-1', subscriptionId: 'ESM-1001-1', variant }), 'GetKey');
  const list = ok(await session.softwareList(CUSTOMER), 'softwareList');
  console.log(
    JSON.stringify({
      events: [...bought.events, ...key.events].map((event) => event.type),
      productKey: typeof key.productKey === 'string' && key.productKey.length > 0,
      list: list.map((item) => ({ subscriptionId: item.subscriptionId, status: item.status, keys: item.keys.length })),
    }),
  );
} finally {
  await engine.close();
}
