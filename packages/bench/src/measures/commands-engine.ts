import * as E from 'fp-ts/lib/Either.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createEngine, manualClock, type Clock, type Engine, type EngineOptions } from '@csp-onprem/engine';
import { benchKeyProvider, benchVault } from '../ports/deterministic-ports.js';
import { openStore } from '../stores/store-target.js';
import { catalogOf, workload } from '../workload/workload.js';
import type { WorkItem } from '../workload/work-item.js';
import { chunks, partition, Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { engineMismatch, MismatchLog } from './outcome-check.js';
import { ReadModelDigest } from './read-model-digest.js';

/** One client of a command measure: its engine, and how it runs a command at an instant of the workload. */
export interface Client {
  readonly engine: Engine;
  /** Runs a command at its instant of the workload. */
  readonly at: <T>(instant: Date, run: () => Promise<T>) => Promise<T>;
}

/** Runs the items through the client's engine one at a time, as the platform would; answers the events written. */
export async function runClient(client: Client, items: readonly WorkItem[], mismatches: MismatchLog): Promise<number> {
  let events = 0;
  for (const item of items) {
    // As a platform does: the session's actor comes from its authentication, the body from the request.
    const { actor, ...body } = item.command;
    const result = await client.at(new Date(item.at), () => client.engine.as(actor).execute(body));
    mismatches.add(engineMismatch(item, result));
    if (E.isRight(result) && !result.right.replayed) events += result.right.events.length;
  }
  return events;
}

/** The software list of every customer, read through the engine's public query, digested customer by customer. */
export async function digestSoftwareList(engine: Engine, spec: MeasureSpec): Promise<ReadModelDigest> {
  const catalog = catalogOf(spec.workload);
  const support = catalog.support[0];
  const digest = new ReadModelDigest();
  for (const customer of catalog.customers) {
    const listed = await engine.as(support).softwareList(customer.tenantId);
    if (E.isLeft(listed)) throw new Error(`softwareList failed: ${listed.left.code}: ${listed.left.message}`);
    for (const item of listed.right) digest.add(item);
  }
  return digest;
}

/** What the timed part of a command measure counted, and the engine still open, if any. */
interface CommandRun {
  readonly commands: number;
  readonly events: number;
  readonly seconds: number;
  readonly mismatches: MismatchLog;
  readonly timedPeakRssMb: number;
  /** The in-memory store lives in its engine, so that engine stays open for the check. */
  readonly memoryEngine?: Engine;
}

/**
 * Digests the software list the commands left. On a durable store it is read through a fresh
 * engine over what was made durable, once the measured engines are closed and out of reach
 * (their stream caches freed): under a service's heap limit one process need not hold both.
 */
async function checkedSoftwareList(spec: MeasureSpec, run: CommandRun): Promise<ReadModelDigest> {
  const engine = run.memoryEngine ?? createEngine({ store: openStore(spec.target, 2), vault: benchVault(spec.workload.seed) });
  try {
    return await digestSoftwareList(engine, spec);
  } finally {
    await engine.close();
  }
}

/** An engine of a command measure over its own store, with the bench's deterministic ports; `extra` adds options (telemetry). */
export function ownEngine(spec: MeasureSpec, clock: Clock, extra: Partial<EngineOptions> = {}): Engine {
  return createEngine({
    store: openStore(spec.target, 2),
    clock,
    keyProvider: benchKeyProvider(),
    vault: benchVault(spec.workload.seed),
    ...(spec.streamCacheSize === undefined ? {} : { streamCacheSize: spec.streamCacheSize }),
    ...extra,
  });
}

/** Clients that each have their own engine, store connection and clock (several processes). */
function separateClients(spec: MeasureSpec): Client[] {
  return Array.from({ length: spec.clients }, () => {
    const clock = manualClock(new Date(0));
    const engine = ownEngine(spec, clock.now);
    return {
      engine,
      at: (instant, run) => {
        clock.set(instant);
        return run();
      },
    };
  });
}

/**
 * Concurrent requests to one engine (one server process): each command sees its own instant
 * through an async-local clock, since several are in flight at once.
 */
function sharedClients(spec: MeasureSpec): Client[] {
  const instant = new AsyncLocalStorage<Date>();
  const engine = ownEngine(spec, () => instant.getStore() ?? new Date(0));
  return Array.from({ length: spec.clients }, () => ({ engine, at: (at, run) => instant.run(at, run) }));
}

/**
 * Command throughput through `createEngine(...).execute`: decode, authorize, load, decide,
 * append, one command at a time per client. The workload is generated in chunks outside the
 * timed part; each client takes the purchases whose index falls to it, so every stream's
 * commands stay in order. Clients have their own engines, or share one (`oneEngine`).
 */
export async function measureEngineCommands(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const run = await runCommands(spec);
  const digest = await checkedSoftwareList(spec, run);
  return throughputResult(spec, { operations: run.commands, events: run.events, seconds: run.seconds, mismatches: run.mismatches }, {
    readModelDigest: digest.digest(),
    summary: digest.summary(),
    details: { clients: spec.clients, eventsPerSecond: run.events / run.seconds, prefixOnly: spec.limit !== undefined, timedPeakRssMb: run.timedPeakRssMb },
  });
}

/** The timed part: every command through the clients' engines, which are closed after unless they hold the in-memory store. */
async function runCommands(spec: MeasureSpec): Promise<CommandRun> {
  const clients = spec.oneEngine === true ? sharedClients(spec) : separateClients(spec);
  const stopwatch = new Stopwatch();
  const mismatches = new MismatchLog();
  let commands = 0;
  let events = 0;
  for (const chunk of chunks(workload(spec.workload), 5000, spec.limit)) {
    const parts = partition(chunk, clients.length);
    const written = await stopwatch.time(() => Promise.all(clients.map((client, i) => runClient(client, parts[i] ?? [], mismatches))));
    commands += chunk.length;
    events += written.reduce((a, b) => a + b, 0);
  }
  // The peak of the measure itself, before the read-model check folds the whole list.
  const timedPeakRssMb = process.resourceUsage().maxRSS / 1024;
  const counted = { commands, events, seconds: stopwatch.seconds, mismatches, timedPeakRssMb };
  const engines = [...new Set(clients.map((client) => client.engine))];
  if (spec.target.kind === 'memory') {
    const [only] = engines;
    if (engines.length !== 1 || only === undefined) throw new Error('the in-memory store is measured through one engine: each engine would have a store of its own');
    return { ...counted, memoryEngine: only };
  }
  for (const engine of engines) await engine.close();
  return counted;
}
