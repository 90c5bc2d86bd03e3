import * as E from 'fp-ts/lib/Either.js';
import { refundEligibilityOf } from '@csp-onprem/domain';
import {
  auditEntryOf,
  createEngine,
  SoftwareListProjection,
  verifiedPass,
} from '@csp-onprem/engine';
import { benchVault } from '../ports/deterministic-ports.js';
import { openStore } from '../stores/store-target.js';
import { Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';
import { ReadModelDigest } from './read-model-digest.js';

/**
 * A full replay through the engine from a durable store, as an auditor runs it, in one
 * verified pass: every hash recomputed and every event decoded, the software list folded
 * (which is also the customer admin view and the base of refund eligibility), the audit trail
 * entry of every event, then refund eligibility of every purchase at the end.
 */
export async function measureEngineReplay(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const store = openStore(spec.target, 2);
  const mismatches = new MismatchLog();
  const total = new Stopwatch();
  const phases = { replay: new Stopwatch(), eligibility: new Stopwatch() };
  const projection = new SoftwareListProjection();
  const perUser = new Map<string, number>();
  let events = 0;
  let eligible = 0;
  const audit = { entries: 0, keyAccess: 0, users: 0 };
  await total.time(async () => {
    // One pass, as `verifiedPass` offers it: every hash recomputed and every event decoded
    // once, then folded into the software list and the audit trail.
    const verified = await phases.replay.time(() =>
      verifiedPass(store, (event) => {
        projection.apply(event);
        const parties = projection.items.get(event.streamId);
        if (parties === undefined) return;
        const entry = auditEntryOf(event, parties);
        audit.entries += 1;
        if (entry.type === 'KeyIssued' || entry.type === 'KeyViewed' || entry.type === 'Downloaded' || entry.type === 'LinkCopied') audit.keyAccess += 1;
        perUser.set(entry.userId, (perUser.get(entry.userId) ?? 0) + 1);
      }),
    );
    if (E.isLeft(verified)) throw new Error(verified.left.message);
    if (!verified.right.ok) mismatches.add(`verify failed: ${JSON.stringify(verified.right.firstFailure)}`);
    events = verified.right.events;
    audit.users = perUser.size;
    await phases.eligibility.time(async () => {
      let latest = 0;
      for (const item of projection.items.values()) latest = Math.max(latest, Date.parse(item.lastActivityAt));
      const at = new Date(latest);
      for (const item of projection.items.values()) if (refundEligibilityOf(item, at).eligible) eligible += 1;
    });
  });
  await store.close();
  const timedPeakRssMb = process.resourceUsage().maxRSS / 1024;
  if (audit.entries !== events) mismatches.add(`the audit trail has ${audit.entries} entries for ${events} events`);
  const digest = new ReadModelDigest();
  for (const item of projection.items.values()) digest.add(item);
  return throughputResult(spec, { operations: events, events, seconds: total.seconds, mismatches }, {
    readModelDigest: digest.digest(),
    summary: digest.summary(),
    details: {
      replaySeconds: phases.replay.seconds,
      eligibilitySeconds: phases.eligibility.seconds,
      auditKeyAccess: audit.keyAccess,
      auditUsers: audit.users,
      eligibleAtEnd: eligible,
      timedPeakRssMb,
    },
  });
}

/** `engine.verify()` over the whole log: every stream's hash chain and every event's decode. */
export async function measureEngineVerify(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  // Verification shows no key: the bench's vault stands in for the platform's.
  const engine = createEngine({ store: openStore(spec.target, 2), vault: benchVault(spec.workload.seed) });
  const stopwatch = new Stopwatch();
  const report = await stopwatch.time(() => engine.verify());
  await engine.close();
  if (E.isLeft(report)) throw new Error(report.left.message);
  const { ok, events, streams, firstFailure } = report.right;
  return throughputResult(spec, { operations: events, events, seconds: stopwatch.seconds, mismatches: { count: ok ? 0 : 1, first: ok ? [] : [`verify failed: ${JSON.stringify(firstFailure)}`] } }, {
    details: { streams },
  });
}
