import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inProcessVault, localKeyEncryptionKey, manualClock, type Engine } from '@csp-onprem/engine';
import { benchKeyProvider } from '../ports/deterministic-ports.js';
import { openStore } from '../stores/store-target.js';
import { WORKLOAD_START } from '../workload/workload.js';
import { Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

const PARTNER = 'b0b0b0b0-0000-4000-8000-000000000001';
const admin = { userId: 'bench@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };
const product = { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] };

/** One customer tenant per ten purchases, so that views meet several data keys. */
function customerOf(index: number): string {
  return `c0c0c0c0-0000-4000-8000-${String(Math.floor(index / 10)).padStart(12, '0')}`;
}

async function ok(what: string, result: Promise<E.Either<{ code: string; message: string }, unknown>>, mismatches: MismatchLog): Promise<void> {
  const answer = await result;
  if (E.isLeft(answer)) mismatches.add(`${what}: ${answer.left.code}: ${answer.left.message}`);
}

/**
 * `GetKey` views (a key shown again, a `KeyViewed` appended) on SQLite, through the durable
 * vault (each view reads its data key's row from the store, to learn it was not shredded; the
 * key was unwrapped under a local KEK once, when the untimed setup made it, and is cached), or,
 * as the baseline, through an in-process vault: the same commands, the same store, the only
 * difference being where the data keys live. Purchases and first keys are made outside the timing.
 */
export async function measureGetKeyViews(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const clock = manualClock(new Date(WORKLOAD_START));
  const store = openStore(spec.target, 2);
  const custody = spec.vault === 'store' ? { keyEncryptionKey: localKeyEncryptionKey(Buffer.alloc(32, 3)) } : { vault: inProcessVault() };
  const engine: Engine = createEngine({ store, clock: clock.now, keyProvider: benchKeyProvider(), ...custody });
  const session = engine.as(admin);
  const mismatches = new MismatchLog();
  const purchases = Math.max(20, Math.min(2000, Math.round(spec.workload.purchases / 50)));
  for (let index = 0; index < purchases; index += 1) {
    const subscriptionId = `SUB-KEY-${index}`;
    const customer = { tenantId: customerOf(index), domain: 'contoso.onmicrosoft.com' };
    await ok('purchase', session.execute({ type: 'PurchaseSoftware', commandId: `buy-${index}`, partnerId: PARTNER, customer, orderId: `ORD-${index}`, subscriptionId, product, quantity: 1, unitPrice: { amount: 1000, currency: 'USD' } }), mismatches);
    await ok('first key', session.execute({ type: 'GetKey', commandId: `key-${index}`, subscriptionId, variant }), mismatches);
  }
  const views = spec.samples * 5;
  const stopwatch = new Stopwatch();
  await stopwatch.time(async () => {
    for (let view = 0; view < views; view += 1) {
      clock.advance(1000);
      await ok('view', session.execute({ type: 'GetKey', commandId: `view-${view}`, subscriptionId: `SUB-KEY-${view % purchases}`, variant }), mismatches);
    }
  });
  await engine.close();
  return throughputResult(spec, { operations: views, events: views, seconds: stopwatch.seconds, mismatches }, { details: { purchases, dataKeys: Math.ceil(purchases / 10) } });
}
