// PostgreSQL as a service deploys it: the schema is migrated once as a deployment step, then two
// instances of the application (two engines, as two processes would be) open the store with
// `migrateOnFirstUse: false`, so they never run DDL and a mistyped schema name fails at once.
// Both serve the same customers: one sells and issues a key, the other lists the software and
// cancels by order id; commands from both on one purchase at the same moment all land.
// Needs PostgreSQL at PGURL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
// it works in a schema of its own and drops it at the end.
// Run after `npm run build`: node examples/postgres-service.mjs
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, localKeyEncryptionKey, manualClock, purchaseStreamId } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { DAY_MS } from '@csp-onprem/domain';

const url = process.env.PGURL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `csp_example_${randomBytes(4).toString('hex')}`;

const PARTNER = '0a0a0a0a-5555-4555-8555-555555555555';
const CUSTOMER = '0c0c0c0c-6666-4666-8666-666666666666';
const adminAgent = { userId: 'lee@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const globalAdmin = { userId: 'sam@tailspin.example', tenantId: CUSTOMER, roles: ['GlobalAdmin'] };
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };

function ok(result, what) {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

async function schemaExists(name) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** One instance of the application: its own pool and engine, never running DDL. */
function serviceInstance(schemaName, keyEncryptionKey, clock) {
  const store = postgresStore({ connectionString: url }, { schema: schemaName, migrateOnFirstUse: false, poolSize: 4 });
  return createEngine({ store, keyEncryptionKey, clock: clock.now });
}

try {
  await schemaExists(schema);
} catch (cause) {
  console.error(`postgres-service.mjs needs PostgreSQL at ${url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')} (${cause.message}): start it, or point PGURL at one`);
  process.exit(1);
}

// Every instance gets the same key-encryption key (in production from the KMS or a secret
// store, e.g. CSP_ONPREM_KEY_ENCRYPTION_KEY); the schema keeps the data keys wrapped under it,
// so a key one instance issued is shown by the other, and by any instance after a restart.
const kek = localKeyEncryptionKey(randomBytes(32));
const clock = manualClock(new Date('2025-03-03T09:00:00.000Z'));
let serviceA;
let serviceB;

try {
  // --- The deployment step, run once with a role that may create schemas.
  const deploy = postgresStore({ connectionString: url }, { schema });
  ok(await deploy.migrate(), 'migrate');
  await deploy.close();
  console.log(`migrated schema ${schema}`);

  // --- A mistyped schema name fails on the first call and creates nothing.
  const typo = serviceInstance(`${schema}_tpyo`, kek, clock);
  const refused = await typo.as(globalAdmin).softwareList(CUSTOMER);
  await typo.close();
  if (E.isRight(refused) || refused.left.code !== 'StoreUnavailable') throw new Error('a mistyped schema should answer StoreUnavailable');
  if (await schemaExists(`${schema}_tpyo`)) throw new Error('the mistyped schema was created');
  console.log(`a mistyped schema: ${refused.left.code}: ${refused.left.message}`);

  serviceA = serviceInstance(schema, kek, clock);
  serviceB = serviceInstance(schema, kek, clock);

  // --- Instance A sells two lines of one order and issues a key.
  for (const [line, title] of [
    [1, 'Windows Server 2022 Standard'],
    [2, 'SQL Server 2022 Standard'],
  ]) {
    ok(
      await serviceA.as(adminAgent).execute({
        type: 'PurchaseSoftware',
        commandId: `buy-${line}`,
        partnerId: PARTNER,
        customer: { tenantId: CUSTOMER, domain: 'tailspin.onmicrosoft.com' },
        orderId: `ORD-3001-${line}`,
        subscriptionId: `SUB-3001-${line}`,
        product: { productId: 'DG7GMGF0D5RK', skuId: '0002', title, versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
        quantity: 1,
        unitPrice: { amount: 120000, currency: 'EUR' },
      }),
      `purchase line ${line}`,
    );
  }
  const issued = ok(await serviceA.as(adminAgent).execute({ type: 'GetKey', commandId: 'key-1', subscriptionId: 'SUB-3001-1', variant }), 'GetKey');
  console.log(`instance A sold SUB-3001-1 and SUB-3001-2 and issued a key (${issued.events[0].type})`);

  // --- Instance B sees them at once: a query catches its read models up first.
  const listed = ok(await serviceB.as(globalAdmin).softwareList(CUSTOMER), 'softwareList on B');
  console.log(`instance B lists: ${listed.map((item) => `${item.subscriptionId} ${item.status}, ${item.keys.length} key(s)`).join('; ')}`);
  if (listed.length !== 2 || listed[0].keys.length !== 1) throw new Error('instance B should list both purchases and the key A issued');
  const shown = ok(await serviceB.as(globalAdmin).execute({ type: 'GetKey', commandId: 'view-1', subscriptionId: 'SUB-3001-1', variant }), 'GetKey on B');
  if (shown.productKey !== issued.productKey) throw new Error('instance B should show the key instance A issued');

  // --- Both instances act on one purchase at the same moment; a version conflict is retried.
  const together = await Promise.all([
    serviceA.as(adminAgent).execute({ type: 'DownloadSoftware', commandId: 'download-1', subscriptionId: 'SUB-3001-1', variant }),
    serviceB.as(adminAgent).execute({ type: 'CopyDownloadLink', commandId: 'link-1', subscriptionId: 'SUB-3001-1', variant }),
    serviceA.as(adminAgent).execute({ type: 'CopyDownloadLink', commandId: 'link-2', subscriptionId: 'SUB-3001-1', variant }),
    serviceB.as(globalAdmin).execute({ type: 'DownloadSoftware', commandId: 'download-2', subscriptionId: 'SUB-3001-1', variant }),
  ]);
  const versions = together.map((result, index) => ok(result, `concurrent command ${index + 1}`).events[0].version).sort((a, b) => a - b);
  console.log(`four commands from both instances on SUB-3001-1 at once landed at versions ${versions.join(', ')}`);
  if (new Set(versions).size !== 4) throw new Error('each concurrent command should have its own version');

  // --- Instance B cancels the second line by its order id alone, through its order index.
  clock.advance(5 * DAY_MS);
  const cancelled = ok(
    await serviceB.as(adminAgent).execute({
      type: 'RequestCancellation',
      commandId: 'cancel-2',
      customer: { tenantId: CUSTOMER },
      orderId: 'ORD-3001-2',
      refundReason: 'Bought for the wrong site',
      requestedAmount: { amount: 120000, currency: 'EUR' },
      impact: 'Low',
      title: 'Refund SQL Server 2022',
      contact: { name: 'Lee Partner', email: 'lee@partner.example', phone: '+49 30 901820' },
    }),
    'RequestCancellation by order id on B',
  );
  console.log(`instance B cancelled by order id: ${cancelled.streamId}: ${cancelled.events.map((event) => event.type).join(', ')}`);
  if (cancelled.streamId !== purchaseStreamId(PARTNER, 'SUB-3001-2')) throw new Error('the order id should resolve to SUB-3001-2');

  const report = ok(await serviceA.verify(), 'verify');
  if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.firstFailure)}`);
  console.log(`verify on instance A: ok, ${report.events} events in ${report.streams} streams`);
} finally {
  await serviceA?.close();
  await serviceB?.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
