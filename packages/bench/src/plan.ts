import { join } from 'node:path';
import type { MeasureKind, MeasureSpec } from './measures/measure-spec.js';
import { IN_MEMORY_HEAP_MB, type BenchOptions } from './options.js';
import type { StoreTarget } from './stores/store-target.js';

/** The measures of a run in the order they run, and what to clean up after. */
export interface Plan {
  readonly measures: readonly MeasureSpec[];
  readonly sqliteFiles: readonly string[];
  readonly pgSchemas: readonly string[];
}

/**
 * Lays out a run. Measures that read data (replay, verify, queries) read the full log the
 * engine's concurrent SQLite command measure wrote: from its file, or copied row for row into a
 * PostgreSQL schema (PostgreSQL command measures run a prefix of the workload only, since a
 * commit costs milliseconds there). Baselines write to their own file or schema.
 */
export function planRun(options: BenchOptions, workDir: string, runId: string): Plan {
  const full = { seed: options.seed, purchases: options.purchases };
  const small = { seed: options.seed, purchases: Math.max(10, Math.round(options.purchases / 10)) };
  const measures: MeasureSpec[] = [];
  const sqliteFiles: string[] = [];
  const pgSchemas: string[] = [];
  const add = (id: string, kind: MeasureKind, target: StoreTarget, clients = 1, workload = full, extra: Partial<MeasureSpec> = {}): void => {
    const heapMb = target.kind === 'memory' ? IN_MEMORY_HEAP_MB : options.heapMb;
    measures.push({ id, kind, target, clients, workload, samples: options.samples, streamCacheSize: options.streamCache, heapMb, ...extra });
  };
  if (options.stores.includes('memory')) {
    const memory = { kind: 'memory' } as const;
    add('emmett:memory:small', 'commands-emmett', memory, 1, small);
    add('commands:memory:small', 'commands', memory, 1, small);
    add('commands:memory', 'commands', memory);
    add('commands-baseline:memory', 'commands-baseline', memory);
    // With and without an OpenTelemetry SDK in one process: at a tenth of the size, or the whole of a quick run.
    add('telemetry:memory', 'commands-telemetry', memory, 1, options.quick ? full : small);
  }
  const engineFile = { kind: 'sqlite', path: join(workDir, 'engine.db') } as const;
  const needsEngineFile = options.stores.includes('sqlite') || options.stores.includes('postgres');
  const sqliteFile = (name: string): StoreTarget => {
    const path = join(workDir, name);
    sqliteFiles.push(path);
    return { kind: 'sqlite', path };
  };
  if (options.stores.includes('sqlite')) {
    const prefix = { limit: options.sqliteCommands };
    add('commands:sqlite:1', 'commands', sqliteFile('engine-1.db'), 1, full, prefix);
    add('commands-baseline:sqlite:1', 'commands-baseline', sqliteFile('baseline-1.db'), 1, full, prefix);
  }
  if (needsEngineFile) {
    sqliteFiles.push(engineFile.path);
    add('commands:sqlite:concurrent', 'commands', engineFile, options.inFlight, full, { oneEngine: true });
  }
  if (options.stores.includes('sqlite')) {
    const data = engineFile;
    add('commands-baseline:sqlite:concurrent', 'commands-baseline', sqliteFile('baseline-concurrent.db'), options.inFlight, full, { oneEngine: true });
    add('replay:sqlite', 'replay', data);
    add('replay-baseline:sqlite', 'replay-baseline', data);
    add('verify:sqlite', 'verify', data);
    add('verify-baseline:sqlite', 'verify-baseline', data);
    add('queries:sqlite', 'queries', data);
    add('getkey:sqlite:store-vault', 'getkey-views', sqliteFile('getkey-store.db'), 1, full, { vault: 'store' });
    add('getkey:sqlite:in-process-vault', 'getkey-views', sqliteFile('getkey-process.db'), 1, full, { vault: 'in-process' });
    // The service over HTTP beside the engine directly, on the same data set and operations.
    const mixData = { seed: options.seed, purchases: options.httpPurchases };
    for (const mix of ['getkey', 'list'] as const) {
      for (const via of ['engine', 'http'] as const) {
        add(`mix:${mix}:${via}`, via === 'engine' ? 'mix-engine' : 'mix-http', sqliteFile(`mix-${mix}-${via}.db`), options.inFlight, mixData, { mix, operations: options.httpOperations });
      }
    }
  }
  if (options.stores.includes('postgres')) {
    const schema = (suffix: string): StoreTarget => {
      const name = `bench_${runId}_${suffix}`;
      pgSchemas.push(name);
      return { kind: 'postgres', connectionString: options.connectionString, schema: name };
    };
    const limit = { limit: options.pgCommands };
    add('commands:postgres:1', 'commands', schema('c1'), 1, full, limit);
    add('commands-baseline:postgres:1', 'commands-baseline', schema('b1'), 1, full, limit);
    add('commands:postgres:4', 'commands', schema('c4'), 4, full, limit);
    add('commands-baseline:postgres:4', 'commands-baseline', schema('b4'), 4, full, limit);
    const copy = schema('full');
    add('copy:postgres', 'copy-to-postgres', copy, 1, full, { source: engineFile });
    add('replay:postgres', 'replay', copy);
    add('replay-baseline:postgres', 'replay-baseline', copy);
    add('verify:postgres', 'verify', copy);
    add('verify-baseline:postgres', 'verify-baseline', copy);
    add('queries:postgres', 'queries', copy);
  }
  return { measures, sqliteFiles, pgSchemas };
}
