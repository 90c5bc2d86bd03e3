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
  /** CPU time of the process (user + system) while this side ran, in microseconds: less moved by other processes than the wall clock. */
  cpuMicros: number;
  events: number;
}

function arm(spec: MeasureSpec, extra: Parameters<typeof ownEngine>[2]): Arm {
  const clock = manualClock(new Date(0));
  const engine = ownEngine(spec, clock.now, extra);
  const client: Client = {
    engine,
    at: (instant, run) => {
      clock.set(instant);
      return run();
    },
  };
  return { client, stopwatch: new Stopwatch(), cpuMicros: 0, events: 0 };
}

/**
 * The cost of the engine's telemetry with an OpenTelemetry SDK registered: the same commands
 * through two engines in one process, each over its own in-memory store, one recording into
 * an SDK (batched spans, metrics) and one given no providers, recording nothing, in a process
 * where the SDK's context manager is registered throughout (what a host pays for that with or
 * without csp-onprem is not in the ratio: docs/telemetry.md measures it apart). The workload
 * goes in chunks, each chunk through both, taking turns at going first, so that both sides see
 * the same heap and the same warmed-up code. Reports the SDK side's rate; the other side's is
 * its baseline.
 */
export async function measureTelemetryCommands(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const sdk = benchSdk();
  const plain = arm(spec, {});
  const traced = arm(spec, { telemetry: sdk.telemetry });
  const mismatches = new MismatchLog();
  let commands = 0;
  let turn = 0;
  // Small chunks: a quick run's 10,000 commands still take ten turns on each side.
  for (const chunk of chunks(workload(spec.workload), 1000, spec.limit)) {
    const order = turn % 2 === 0 ? [plain, traced] : [traced, plain];
    for (const side of order) {
      const cpu = process.cpuUsage();
      side.events += await side.stopwatch.time(() => runClient(side.client, chunk, mismatches));
      const used = process.cpuUsage(cpu);
      side.cpuMicros += used.user + used.system;
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
      cpuRatioToWithoutSdk: plain.cpuMicros / traced.cpuMicros,
      cpuMicrosecondsPerCommandAdded: (traced.cpuMicros - plain.cpuMicros) / commands,
      spansPerCommand: spans / commands,
      microsecondsPerCommandAdded: ((traced.stopwatch.seconds - plain.stopwatch.seconds) / commands) * 1e6,
    },
  });
}
