import { manualClock, MetricNames } from '@csp-onprem/engine';
import { benchSdk } from '../telemetry/bench-sdk.js';
import { workload } from '../workload/workload.js';
import { chunks, Stopwatch } from './chunks.js';
import { digestSoftwareList, ownEngine, runClient, type Client } from './commands-engine.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

/** One side of the comparison: a client, the time spent in its commands, and what it wrote. */
interface Arm {
  readonly client: Client;
  readonly stopwatch: Stopwatch;
  events: number;
  /** Runs a chunk's work the way this side's host runs everything (with or without an SDK's context manager). */
  readonly host: <T>(work: () => Promise<T>) => Promise<T>;
}

function arm(spec: MeasureSpec, extra: Parameters<typeof ownEngine>[2], host: Arm['host']): Arm {
  const clock = manualClock(new Date(0));
  const engine = ownEngine(spec, clock.now, extra);
  const client: Client = {
    engine,
    at: (instant, run) => {
      clock.set(instant);
      return run();
    },
  };
  return { client, stopwatch: new Stopwatch(), events: 0, host };
}

/**
 * The cost of the engine's telemetry with an OpenTelemetry SDK registered: the same commands
 * through two engines in one process, each over its own in-memory store, one recording into
 * an SDK (batched spans, metrics, its context manager registered while it runs) and one with
 * no SDK at all. The workload goes in chunks, each chunk through both, taking turns at going
 * first, so that both sides see the same heap and the same warmed-up code. Reports the SDK
 * side's rate; the other side's is its baseline.
 */
export async function measureTelemetryCommands(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const sdk = benchSdk();
  const plain = arm(spec, {}, (work) => work());
  const traced = arm(spec, { telemetry: sdk.telemetry }, (work) => sdk.active(work));
  const mismatches = new MismatchLog();
  let commands = 0;
  let turn = 0;
  for (const chunk of chunks(workload(spec.workload), 5000, spec.limit)) {
    const order = turn % 2 === 0 ? [plain, traced] : [traced, plain];
    for (const side of order) {
      side.events += await side.host(() => side.stopwatch.time(() => runClient(side.client, chunk, mismatches)));
    }
    commands += chunk.length;
    turn += 1;
  }
  const spans = await sdk.spansExported();
  const counted = await sdk.commandsCounted();
  if (counted !== commands) mismatches.add(`the SDK's ${MetricNames.commands} counter says ${counted} commands, ${commands} ran`);
  const [withSdk, withoutSdk] = [await digestSoftwareList(traced.client.engine, spec), await digestSoftwareList(plain.client.engine, spec)];
  if (withSdk.digest() !== withoutSdk.digest()) mismatches.add('the software lists of the engines with and without an SDK differ');
  await Promise.all([traced.client.engine.close(), plain.client.engine.close(), sdk.shutdown()]);
  const withoutPerSecond = commands / plain.stopwatch.seconds;
  return throughputResult(spec, { operations: commands, events: traced.events, seconds: traced.stopwatch.seconds, mismatches }, {
    readModelDigest: withSdk.digest(),
    summary: withSdk.summary(),
    details: {
      withoutSdkPerSecond: withoutPerSecond,
      withoutSdkSeconds: plain.stopwatch.seconds,
      ratioToWithoutSdk: commands / traced.stopwatch.seconds / withoutPerSecond,
      spansPerCommand: spans / commands,
      microsecondsPerCommandAdded: ((traced.stopwatch.seconds - plain.stopwatch.seconds) / commands) * 1e6,
    },
  });
}
