import * as E from 'fp-ts/lib/Either.js';
import { dataset, datasetEngine, writeDataset } from '../http/http-dataset.js';
import { mixOperations } from '../http/http-mix.js';
import { operationThroughEngine } from '../http/operation-engine.js';
import { runOperations } from '../http/run-operations.js';
import { openStore } from '../stores/store-target.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

/**
 * A request mix through the engine directly (`engine.as(actor)`), with as many operations in
 * flight as the HTTP measure: the figure the HTTP measure of the same mix is compared with.
 */
export async function measureMixThroughEngine(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  if (spec.mix === undefined || spec.operations === undefined) throw new Error(`${spec.id} names no mix`);
  const data = dataset(spec.workload.purchases, spec.workload.seed);
  await writeDataset(openStore(spec.target), data);
  const engine = datasetEngine(openStore(spec.target), data.seed);
  const caughtUp = await engine.catchUp();
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
  const cpu = process.cpuUsage();
  const run = await runOperations(mixOperations(data, spec.mix, spec.operations), spec.clients, operationThroughEngine(engine, data));
  const used = process.cpuUsage(cpu);
  const timedPeakRssMb = process.resourceUsage().maxRSS / 1024;
  await engine.close();
  const mismatches = new MismatchLog();
  for (const failure of run.failures) mismatches.add(failure);
  return throughputResult(spec, { operations: run.operations, events: 0, seconds: run.seconds, mismatches }, {
    latency: run.latency,
    details: { mix: spec.mix, via: 'engine', commands: run.commands, commandsPerSecond: run.commands / run.seconds, timedPeakRssMb, cpuMsPerOperation: (used.user + used.system) / 1000 / run.operations },
  });
}
