import { HttpClient } from '../http/http-client.js';
import { dataset, writeDataset } from '../http/http-dataset.js';
import { mixOperations } from '../http/http-mix.js';
import { operationOverHttp } from '../http/operation-http.js';
import { runOperations } from '../http/run-operations.js';
import { startBenchServer } from '../http/start-server.js';
import { openStore } from '../stores/store-target.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

/**
 * A request mix over HTTP: `@csp-onprem/server` on the store in a process of its own (bearer
 * tokens verified, bodies validated, answers serialised, metrics recorded), this process the
 * load generator, keeping as many requests in flight as the engine measure keeps operations.
 * The peak RSS reported is the service process's.
 */
export async function measureMixOverHttp(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  if (spec.mix === undefined || spec.operations === undefined) throw new Error(`${spec.id} names no mix`);
  const data = dataset(spec.workload.purchases, spec.workload.seed);
  await writeDataset(openStore(spec.target), data);
  const server = await startBenchServer({ target: spec.target, seed: data.seed, partners: data.partners }, spec.heapMb);
  // The service stops whatever happened, so that its process never outlives the measure.
  const client = new HttpClient(server.url, spec.clients);
  const settled = await runOperations(mixOperations(data, spec.mix, spec.operations), spec.clients, operationOverHttp(client, server.tokens)).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  client.close();
  const stopped = await server.stop();
  if (!settled.ok) throw settled.error;
  const run = settled.value;
  const mismatches = new MismatchLog();
  for (const failure of run.failures) mismatches.add(failure);
  return throughputResult(spec, { operations: run.operations, events: 0, seconds: run.seconds, mismatches }, {
    latency: run.latency,
    details: {
      mix: spec.mix,
      via: 'http',
      commands: run.commands,
      commandsPerSecond: run.commands / run.seconds,
      timedPeakRssMb: stopped.peakRssMb,
      serverCpuMsPerRequest: stopped.cpuMs / run.operations,
      loadGeneratorPeakRssMb: process.resourceUsage().maxRSS / 1024,
    },
  });
}
