import * as E from 'fp-ts/lib/Either.js';
import { CURRENT_SCHEMA_VERSION } from '@csp-onprem/domain';
import { GENESIS_HASH, purchaseStreamId, type EventRecord, type EventStore } from '@csp-onprem/engine';
import { openStore } from '../stores/store-target.js';
import { workload } from '../workload/workload.js';
import type { WorkItem } from '../workload/work-item.js';
import { chunks, partition, Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

interface Prepared {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly records: readonly EventRecord[];
}

const FAKE_HASH = 'f'.repeat(64);

/** Builds, outside the timing, the records a command's events would be: its payload as data. */
function prepare(items: readonly WorkItem[], versions: Map<string, number>): Prepared[] {
  return items.map((item) => {
    const streamId = purchaseStreamId(item.partnerId, item.subscriptionId);
    const expectedVersion = versions.get(streamId) ?? 0;
    const { type, commandId, actor, ...payload } = item.command;
    const meta = { actor, commandId, commandType: type, occurredAt: new Date(item.at).toISOString(), schemaVersion: CURRENT_SCHEMA_VERSION };
    // Ordered by the command's instant, as the engine's ids are, so both grow the id index at one end.
    const instant = item.at.toString(16).padStart(12, '0');
    const records = item.events.map((eventType, index) => ({
      eventId: `${instant}-${String(commandId)}-${index}`,
      streamId,
      version: expectedVersion + index + 1,
      type: eventType,
      data: payload,
      meta,
      prevHash: GENESIS_HASH,
      hash: FAKE_HASH,
    }));
    versions.set(streamId, expectedVersion + records.length);
    return { streamId, expectedVersion, records };
  });
}

async function runClient(store: EventStore, prepared: readonly Prepared[], mismatches: MismatchLog): Promise<void> {
  for (const { streamId, expectedVersion, records } of prepared) {
    if (records.length === 0) continue;
    const appended = await store.appendToStream(streamId, expectedVersion, records);
    if (E.isLeft(appended)) mismatches.add(`${streamId}@${expectedVersion}: ${appended.left.code}: ${appended.left.message}`);
  }
}

/**
 * The practical limit of a command on a store: for each command of the same workload, append
 * pre-built records of the same events at the expected version (no read, no decode, no rules,
 * no hash: what a command that knows its stream must still pay to make its events durable),
 * through the same store, with the same number of clients (sharing one store with `oneEngine`).
 */
export async function measureBaselineCommands(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const shared = spec.oneEngine === true ? openStore(spec.target, 2) : undefined;
  const stores = Array.from({ length: spec.clients }, () => shared ?? openStore(spec.target, 2));
  const versions = new Map<string, number>();
  const stopwatch = new Stopwatch();
  const mismatches = new MismatchLog();
  let commands = 0;
  let events = 0;
  for (const chunk of chunks(workload(spec.workload), 5000, spec.limit)) {
    const parts = partition(chunk, stores.length).map((part) => prepare(part, versions));
    await stopwatch.time(() => Promise.all(stores.map((store, i) => runClient(store, parts[i] ?? [], mismatches))));
    commands += chunk.length;
    events += chunk.reduce((n, item) => n + item.events.length, 0);
  }
  for (const store of new Set(stores)) await store.close();
  return throughputResult(spec, { operations: commands, events, seconds: stopwatch.seconds, mismatches }, {
    details: { clients: spec.clients, eventsPerSecond: events / stopwatch.seconds },
  });
}
