import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '@csp-onprem/domain';
import { createEngine, purchaseStreamId } from '@csp-onprem/engine';
import { benchVault } from '../ports/deterministic-ports.js';
import { openStore } from '../stores/store-target.js';
import { mixSeed, seededRandom } from '../workload/prng.js';
import { workload } from '../workload/workload.js';
import { latencyOf, Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

interface Sample {
  readonly subscriptionId: string;
  readonly customerTenantId: string;
  readonly partnerAdmin: Actor;
  readonly at: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/** Every k-th purchase of the workload, so samples spread over the whole data set. */
function samplesOf(spec: MeasureSpec): Sample[] {
  const every = Math.max(1, Math.floor(spec.workload.purchases / spec.samples));
  const random = seededRandom(mixSeed(spec.workload.seed, 0x9e7));
  const samples: Sample[] = [];
  for (const item of workload(spec.workload)) {
    if (item.command['type'] !== 'PurchaseSoftware' || item.expect !== 'ok' || item.purchase % every !== 0) continue;
    const customer = item.command['customer'] as { tenantId: string };
    samples.push({
      subscriptionId: item.subscriptionId,
      customerTenantId: customer.tenantId,
      partnerAdmin: item.command['actor'] as Actor,
      at: new Date(item.at + Math.floor(random.next() * 90 * DAY)),
    });
  }
  return samples;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Query latency on the full data set: `softwareList` (answered from the caught-up software
 * list) for customers spread over the data set, as their partner's AdminAgent, and
 * `refundEligibility` (the purchase's stream read and folded as of an instant). Beside them,
 * the store's raw `readStream` of the same purchases: the floor under refund eligibility.
 */
export async function measureQueries(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const samples = samplesOf(spec);
  const store = openStore(spec.target, 2);
  const engine = createEngine({ store, vault: benchVault(spec.workload.seed) });
  const mismatches = new MismatchLog();
  const warm = new Stopwatch();
  const caughtUp = await warm.time(() => engine.catchUp());
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
  const list: number[] = [];
  const eligibility: number[] = [];
  const raw: number[] = [];
  let listed = 0;
  for (const sample of samples) {
    list.push(
      await timed(async () => {
        const result = await engine.as(sample.partnerAdmin).softwareList(sample.customerTenantId);
        if (E.isLeft(result)) mismatches.add(`softwareList: ${result.left.code}: ${result.left.message}`);
        else listed += result.right.length;
      }),
    );
    eligibility.push(
      await timed(async () => {
        const result = await engine.as(sample.partnerAdmin).refundEligibility(sample.subscriptionId, sample.at);
        if (E.isLeft(result)) mismatches.add(`refundEligibility: ${result.left.code}: ${result.left.message}`);
      }),
    );
    raw.push(await timed(() => store.readStream(purchaseStreamId(sample.partnerAdmin.tenantId, sample.subscriptionId))));
  }
  await engine.close();
  const seconds = [...list, ...eligibility].reduce((a, b) => a + b, 0) / 1000;
  return throughputResult(spec, { operations: list.length + eligibility.length, events: 0, seconds, mismatches }, {
    latency: { softwareList: latencyOf(list), refundEligibility: latencyOf(eligibility), readStream: latencyOf(raw) },
    details: { catchUpSeconds: warm.seconds, itemsPerList: listed / Math.max(1, list.length) },
  });
}
