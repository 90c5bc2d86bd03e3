import * as E from 'fp-ts/lib/Either.js';
import { createEngine, EngineConfigurationError, localKeyEncryptionKey, type EventStore } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import type { CustodyAction, CustodyJob, CustodyMessage, CustodyResult } from '../custody-job.js';

const PARTNER = 'a0a0a0a0-0000-4000-8000-000000000001';
const admin = { userId: 'adele@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };
const product = { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] };

const job = JSON.parse(process.argv[2] ?? '{}') as CustodyJob;
const send = (message: CustodyMessage): void => {
  process.send?.(message);
};

function openStore(): EventStore {
  return job.store.kind === 'sqlite' ? sqliteStore({ path: job.store.path }) : postgresStore({ connectionString: job.store.url }, { schema: job.store.schema, poolSize: 2 });
}

let engine: ReturnType<typeof createEngine>;
try {
  engine = createEngine({ store: openStore() });
} catch (cause) {
  send({ type: 'refused', message: cause instanceof EngineConfigurationError ? cause.message : String(cause) });
  process.exit(3);
}

async function run(action: CustodyAction): Promise<CustodyResult> {
  const answer = (result: E.Either<{ code: string; message: string }, object>): CustodyResult => {
    if (E.isLeft(result)) return { ok: false, code: result.left.code, message: result.left.message };
    const { productKey } = result.right as { productKey?: string };
    return productKey === undefined ? { ok: true } : { ok: true, productKey };
  };
  const session = engine.as(admin);
  switch (action.kind) {
    case 'buy':
      return answer(
        await session.execute({
          type: 'PurchaseSoftware',
          commandId: `buy-${action.subscriptionId}`,
          partnerId: PARTNER,
          customer: { tenantId: action.customer, domain: 'contoso.onmicrosoft.com' },
          orderId: `ORD-${action.subscriptionId}`,
          subscriptionId: action.subscriptionId,
          product,
          quantity: 1,
          unitPrice: { amount: 1000, currency: 'USD' },
        }),
      );
    case 'key':
      return answer(await session.execute({ type: 'GetKey', commandId: action.commandId, subscriptionId: action.subscriptionId, variant }));
    case 'forget':
      return answer(await engine.forgetTenant(action.tenant));
    case 'rotate': {
      const next = localKeyEncryptionKey(process.env['CSP_ONPREM_NEXT_KEY_ENCRYPTION_KEY'] ?? '');
      const killAfter = action.killAfter;
      return answer(
        await engine.rotateKeyEncryptionKey(next, (done) => {
          // A kill at an arbitrary moment of a real rotation: no cleanup, no final write.
          if (killAfter !== undefined && done >= killAfter) process.kill(process.pid, 'SIGKILL');
        }),
      );
    }
  }
}

send({ type: 'ready' });
if (job.waitForGo) await new Promise<void>((resolve) => process.once('message', () => resolve()));
const results: CustodyResult[] = [];
for (const action of job.actions) results.push(await run(action));
await engine.close();
send({ type: 'done', results });
process.disconnect?.();
