import { parseArgs } from 'node:util';
import type { StoreKind } from './stores/store-target.js';

/** How a benchmark run is shaped. */
export interface BenchOptions {
  readonly purchases: number;
  readonly seed: number;
  readonly stores: readonly StoreKind[];
  readonly quick: boolean;
  readonly connectionString: string;
  readonly outDir: string;
  /** Write a `--cpu-prof` profile of every measure into this directory. */
  readonly profileDir?: string;
  /** Queries sampled per query type. */
  readonly samples: number;
  /** Commands run by each PostgreSQL command measure (a prefix of the workload). */
  readonly pgCommands: number;
  /** Commands run by the single-client SQLite command measures (a prefix of the workload). */
  readonly sqliteCommands: number;
  /** Requests in flight at once on the one engine of the concurrent SQLite command measure. */
  readonly inFlight: number;
  /** Streams each command measure's engine keeps folded (`streamCacheSize`). */
  readonly streamCache: number;
  /** V8 old-space limit in MB (`--max-old-space-size`) of each measure on SQLite or PostgreSQL. */
  readonly heapMb: number;
  /** Operations of each HTTP request mix, over HTTP and through the engine alike. */
  readonly httpOperations: number;
  /** Purchases of the data set the HTTP request mixes run on. */
  readonly httpPurchases: number;
}

/** The old-space limit of measures on the in-memory store, which holds the whole log in the process. */
export const IN_MEMORY_HEAP_MB = 8192;

/** Events the workload writes per purchase, on average (measured: about 9.7). */
export const EVENTS_PER_PURCHASE = 9.7;

/** The help text of `npm run bench`. */
export const USAGE = `Usage: npm run bench -- [options]

  --events N       size the workload to about N events (default 1,000,000)
  --purchases N    size the workload by purchases instead (default 100,000; about 9.7 events each)
  --store S        memory | sqlite | postgres | all (default all)
  --seed N         workload seed (default 42)
  --quick          smoke run: about 10,000 events on every store, under a minute
  --pg URL         PostgreSQL connection string (default $DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
  --out DIR        where results are written (default bench-results)
  --pg-commands N  commands per PostgreSQL command measure, a prefix of the workload
                   (default 20,000; 1,500 with --quick): PostgreSQL commits cost milliseconds here
  --sqlite-commands N
                   commands of the single-client SQLite measures, a prefix of the workload
                   (default 50,000; 1,500 with --quick); the concurrent measure runs it all
  --in-flight N    requests in flight at once on one engine in the concurrent SQLite
                   measure (default 16)
  --stream-cache N streams each engine keeps folded (default 30,000: the workload has about
                   25,000 purchases active at once; the engine's own default is 10,000)
  --heap-mb N      V8 old-space limit (--max-old-space-size) of every measure on SQLite or
                   PostgreSQL, as a service is deployed with one (default 256); the in-memory
                   measures hold the whole log and run with 8192. A large value shows how far
                   Node's default policy lets the heap grow instead
  --http-ops N     operations of each HTTP request mix (GetKey-heavy, list-heavy), run over
                   HTTP against @csp-onprem/server on SQLite and through the engine directly
                   (default 10,000; 400 with --quick); with --store sqlite or all
  --http-purchases N
                   purchases of the data set the mixes run on (default 2,000; 100 with --quick)
  --profile DIR    write a --cpu-prof profile of every measure into DIR
  --help           this text`;

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`${name} must be a positive integer, not ${JSON.stringify(value)}`);
  return n;
}

/** Parses the command line; throws a `RangeError` with a readable message on bad input. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string' },
      purchases: { type: 'string' },
      store: { type: 'string', default: 'all' },
      seed: { type: 'string', default: '42' },
      quick: { type: 'boolean', default: false },
      pg: { type: 'string' },
      out: { type: 'string', default: 'bench-results' },
      profile: { type: 'string' },
      'pg-commands': { type: 'string' },
      'sqlite-commands': { type: 'string' },
      'in-flight': { type: 'string' },
      'stream-cache': { type: 'string' },
      'heap-mb': { type: 'string' },
      'http-ops': { type: 'string' },
      'http-purchases': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help === true) return 'help';
  const store = values.store ?? 'all';
  if (!['memory', 'sqlite', 'postgres', 'all'].includes(store)) throw new RangeError(`--store must be memory, sqlite, postgres or all, not ${JSON.stringify(store)}`);
  const quick = values.quick === true;
  const events = positive(values.events, '--events');
  const purchases = positive(values.purchases, '--purchases') ?? (events !== undefined ? Math.max(10, Math.round(events / EVENTS_PER_PURCHASE)) : quick ? 1000 : 100_000);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`--seed must be an integer, not ${JSON.stringify(values.seed)}`);
  return {
    purchases,
    seed,
    quick,
    stores: store === 'all' ? ['memory', 'sqlite', 'postgres'] : [store as StoreKind],
    connectionString: values.pg ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    outDir: values.out ?? 'bench-results',
    ...(values.profile === undefined ? {} : { profileDir: values.profile }),
    samples: quick ? 200 : 2000,
    pgCommands: positive(values['pg-commands'], '--pg-commands') ?? (quick ? 1500 : 20_000),
    sqliteCommands: positive(values['sqlite-commands'], '--sqlite-commands') ?? (quick ? 1500 : 50_000),
    inFlight: positive(values['in-flight'], '--in-flight') ?? 16,
    streamCache: positive(values['stream-cache'], '--stream-cache') ?? 30_000,
    heapMb: positive(values['heap-mb'], '--heap-mb') ?? 256,
    httpOperations: positive(values['http-ops'], '--http-ops') ?? (quick ? 400 : 10_000),
    httpPurchases: positive(values['http-purchases'], '--http-purchases') ?? (quick ? 100 : 2000),
  };
}
