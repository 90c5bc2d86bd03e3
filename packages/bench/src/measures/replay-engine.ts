import * as E from 'fp-ts/lib/Either.js';
import { refundEligibilityOf } from '@csp-onprem/domain';
import {
  auditEntryOf,
  createEngine,
  decodeStoredEvent,
  projectionRunner,
  SoftwareListProjection,
  verifyStore,
  type EventStore,
} from '@csp-onprem/engine';
import { openStore } from '../stores/store-target.js';
import { Stopwatch } from './chunks.js';
import type { MeasureResult, MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';
import { digestItems, summarise } from './read-model-digest.js';

const PAGE = 5000;

/** The audit trail over the whole log, folded as it streams: who did what with which role. */
async function auditPass(store: EventStore, projection: SoftwareListProjection): Promise<{ entries: number; keyAccess: number; users: number }> {
  const perUser = new Map<string, number>();
  let entries = 0;
  let keyAccess = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, limit: PAGE });
    if (E.isLeft(page)) throw new Error(page.left.message);
    for (const stored of page.right) {
      after = stored.position;
      const parties = projection.items.get(stored.streamId);
      const decoded = decodeStoredEvent(stored);
      if (parties === undefined || E.isLeft(decoded)) continue;
      const entry = auditEntryOf(decoded.right, parties);
      entries += 1;
      if (entry.type === 'KeyIssued' || entry.type === 'KeyViewed' || entry.type === 'Downloaded' || entry.type === 'LinkCopied') keyAccess += 1;
      perUser.set(entry.userId, (perUser.get(entry.userId) ?? 0) + 1);
    }
    if (page.right.length < PAGE) return { entries, keyAccess, users: perUser.size };
  }
}

/**
 * A full replay through the engine from a durable store, as an auditor runs it: `verifyStore`
 * (every hash recomputed, every event decoded), a fresh projection runner folding the
 * software list (which is also the customer admin view and the base of refund eligibility),
 * the audit trail entry of every event, and refund eligibility of every purchase at the end.
 */
export async function measureEngineReplay(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const store = openStore(spec.target, 2);
  const mismatches = new MismatchLog();
  const total = new Stopwatch();
  const phases = { verify: new Stopwatch(), project: new Stopwatch(), audit: new Stopwatch(), eligibility: new Stopwatch() };
  const projection = new SoftwareListProjection();
  let events = 0;
  let eligible = 0;
  let audit = { entries: 0, keyAccess: 0, users: 0 };
  await total.time(async () => {
    const verified = await phases.verify.time(() => verifyStore(store));
    if (E.isLeft(verified)) throw new Error(verified.left.message);
    if (!verified.right.ok) mismatches.add(`verify failed: ${JSON.stringify(verified.right.firstFailure)}`);
    events = verified.right.events;
    const runner = projectionRunner(store, projection, { persist: false });
    const caughtUp = await phases.project.time(() => runner.catchUp());
    if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
    if (runner.skipped.length > 0) mismatches.add(`${runner.skipped.length} events did not decode`);
    audit = await phases.audit.time(() => auditPass(store, projection));
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
  return {
    id: spec.id,
    kind: spec.kind,
    operations: events,
    events,
    seconds: total.seconds,
    perSecond: events / total.seconds,
    mismatches: mismatches.count,
    firstMismatches: mismatches.first,
    readModelDigest: digestItems(projection.items.values()),
    summary: summarise(projection.items.values()),
    details: {
      verifySeconds: phases.verify.seconds,
      projectSeconds: phases.project.seconds,
      auditSeconds: phases.audit.seconds,
      eligibilitySeconds: phases.eligibility.seconds,
      auditKeyAccess: audit.keyAccess,
      auditUsers: audit.users,
      eligibleAtEnd: eligible,
      timedPeakRssMb,
    },
  };
}

/** `engine.verify()` over the whole log: every stream's hash chain and every event's decode. */
export async function measureEngineVerify(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const engine = createEngine({ store: openStore(spec.target, 2) });
  const stopwatch = new Stopwatch();
  const report = await stopwatch.time(() => engine.verify());
  await engine.close();
  if (E.isLeft(report)) throw new Error(report.left.message);
  const { ok, events, streams, firstFailure } = report.right;
  return {
    id: spec.id,
    kind: spec.kind,
    operations: events,
    events,
    seconds: stopwatch.seconds,
    perSecond: events / stopwatch.seconds,
    mismatches: ok ? 0 : 1,
    firstMismatches: ok ? [] : [`verify failed: ${JSON.stringify(firstFailure)}`],
    details: { streams },
  };
}
