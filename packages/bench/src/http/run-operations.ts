import { latencyOf } from '../measures/chunks.js';
import type { Latency } from '../measures/measure-spec.js';
import { inParallel } from './in-parallel.js';
import { isCommand, type Operation, type OperationKind } from './http-mix.js';

/** What running a mix measured. */
export interface MixRun {
  readonly seconds: number;
  readonly operations: number;
  readonly commands: number;
  readonly latency: Readonly<Record<string, Latency>>;
  readonly failures: readonly string[];
}

/**
 * Runs the operations with `inFlight` at once, timing each; `perform` answers why one failed,
 * or `undefined` when it did what it should.
 */
export async function runOperations(operations: readonly Operation[], inFlight: number, perform: (operation: Operation) => Promise<string | undefined>): Promise<MixRun> {
  const all: number[] = [];
  const byKind = new Map<OperationKind, number[]>();
  const failures: string[] = [];
  const start = process.hrtime.bigint();
  await inParallel(operations, inFlight, async (operation) => {
    const begin = process.hrtime.bigint();
    const failure = await perform(operation);
    const ms = Number(process.hrtime.bigint() - begin) / 1e6;
    all.push(ms);
    const samples = byKind.get(operation.kind) ?? [];
    samples.push(ms);
    byKind.set(operation.kind, samples);
    if (failure !== undefined) failures.push(`${operation.kind} ${operation.subscriptionId}: ${failure}`);
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const latency: Record<string, Latency> = { all: latencyOf(all) };
  for (const [kind, ms] of byKind) latency[kind] = latencyOf(ms);
  return { seconds, operations: operations.length, commands: operations.filter((operation) => isCommand(operation.kind)).length, latency, failures };
}
