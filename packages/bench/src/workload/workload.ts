import type { Catalog } from './catalog.js';
import { buildCatalog } from './catalog.js';
import { planPurchase, type OrderLine, type PlannedCommand } from './lifecycle.js';
import { MinHeap } from './min-heap.js';
import { mixSeed, seededRandom } from './prng.js';
import type { WorkItem } from './work-item.js';

/** What shapes a workload: the same spec always gives the same commands. */
export interface WorkloadSpec {
  readonly seed: number;
  readonly purchases: number;
}

/** Orders start on this day and are spread over {@link SPAN_MS}. */
export const WORKLOAD_START = Date.parse('2024-01-01T08:00:00.000Z');
const SPAN_MS = 365 * 24 * 60 * 60 * 1000;

interface Cursor {
  readonly purchase: number;
  readonly subscriptionId: string;
  readonly partnerId: string;
  readonly plan: readonly PlannedCommand[];
  next: number;
}

/**
 * The workload's commands in global time order, generated lazily: orders of one to three
 * lines are placed over a year, each purchase's life is planned when it is bought, and the
 * lives run interleaved by time. Only purchases still active are held in memory.
 */
export function* workload(spec: WorkloadSpec, catalog: Catalog = buildCatalog(spec.seed, spec.purchases)): Generator<WorkItem> {
  const orders = seededRandom(mixSeed(spec.seed, 0x0bde7));
  const heap = new MinHeap<Cursor>();
  let purchase = 0;
  let order = 0;
  let seq = 0;
  const orderTime = (): number => WORKLOAD_START + Math.floor((purchase * SPAN_MS) / Math.max(1, spec.purchases));

  while (purchase < spec.purchases || heap.size > 0) {
    const nextOrderAt = purchase < spec.purchases ? orderTime() : Infinity;
    const nextCommandAt = heap.peekKey() ?? Infinity;
    if (nextOrderAt <= nextCommandAt) {
      order += 1;
      const roll = orders.next();
      const lines = Math.min(roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3, spec.purchases - purchase);
      const line: OrderLine = { orderId: `ORD-${100000 + order}`, lines, customer: orders.pick(catalog.customers), at: nextOrderAt };
      for (let l = 0; l < lines; l += 1) {
        const random = seededRandom(mixSeed(spec.seed, purchase + 1));
        const subscriptionId = random.guid();
        const plan = planPurchase(random, catalog, line, subscriptionId, nextOrderAt + l * 1000);
        heap.push((plan[0] as PlannedCommand).at, { purchase, subscriptionId, partnerId: line.customer.partner.tenantId, plan, next: 0 });
        purchase += 1;
      }
      continue;
    }
    const cursor = heap.pop() as Cursor;
    const planned = cursor.plan[cursor.next] as PlannedCommand;
    cursor.next += 1;
    const following = cursor.plan[cursor.next];
    if (following !== undefined) heap.push(following.at, cursor);
    yield { seq: seq++, purchase: cursor.purchase, subscriptionId: cursor.subscriptionId, partnerId: cursor.partnerId, ...planned };
  }
}

/** Counts of a workload, for sizing and for the report. */
export interface WorkloadStats {
  readonly commands: number;
  readonly events: number;
  readonly refused: number;
  readonly replayed: number;
  readonly partners: number;
  readonly customers: number;
  readonly purchases: number;
}

/** Walks a workload once and counts it. */
export function workloadStats(spec: WorkloadSpec): WorkloadStats {
  const catalog = buildCatalog(spec.seed, spec.purchases);
  let commands = 0;
  let events = 0;
  let refused = 0;
  let replayed = 0;
  for (const item of workload(spec, catalog)) {
    commands += 1;
    events += item.events.length;
    if (item.expect === 'replayed') replayed += 1;
    else if (item.expect !== 'ok') refused += 1;
  }
  return { commands, events, refused, replayed, partners: catalog.partners.length, customers: catalog.customers.length, purchases: spec.purchases };
}

/** The catalog a workload spec draws from. */
export function catalogOf(spec: WorkloadSpec): Catalog {
  return buildCatalog(spec.seed, spec.purchases);
}
