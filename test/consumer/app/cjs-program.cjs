// A CommonJS program of a platform (a NestJS app, an older Express service) that installed
// csp-onprem from the registry: require() loads the ES module packages (Node.js 20.19+,
// 22.12+). It buys software, gets a product key and lists the customer's software on a SQLite
// file (the first argument), then prints what it saw as one JSON line.
const { randomBytes } = require('node:crypto');
const { createEngine, localKeyEncryptionKey } = require('@csp-onprem/engine');
const { sqliteStore } = require('@csp-onprem/store-sqlite');

const PARTNER = '0a0a0a0a-1111-4111-8111-111111111111';
const CUSTOMER = '0c0c0c0c-2222-4222-8222-222222222222';
const agent = { userId: 'bob@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };

function ok(result, what) {
  if (result._tag === 'Left') throw new Error(`${what}: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

async function main(path) {
  const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
  try {
    const session = engine.as(agent);
    const bought = ok(
      await session.execute({
        type: 'PurchaseSoftware',
        commandId: 'cjs-buy-1',
        partnerId: PARTNER,
        customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
        orderId: 'CJS-1001',
        subscriptionId: 'CJS-1001-1',
        product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
        quantity: 2,
        unitPrice: { amount: 89900, currency: 'USD' },
      }),
      'PurchaseSoftware',
    );
    const key = ok(await session.execute({ type: 'GetKey', commandId: 'cjs-key-1', subscriptionId: 'CJS-1001-1', variant }), 'GetKey');
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
}

main(process.argv[2]).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
