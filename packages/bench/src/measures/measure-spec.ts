import type { MixName } from '../http/http-mix.js';
import type { StoreTarget } from '../stores/store-target.js';
import type { WorkloadSpec } from '../workload/workload.js';

/** What a measure does. */
export type MeasureKind =
  | 'commands'
  | 'commands-baseline'
  | 'commands-emmett'
  | 'commands-telemetry'
  | 'replay'
  | 'replay-baseline'
  | 'verify'
  | 'verify-baseline'
  | 'queries'
  | 'getkey-views'
  | 'copy-to-postgres'
  | 'mix-engine'
  | 'mix-http';

/** Everything a child process needs to run one measure. */
export interface MeasureSpec {
  /** Unique within a run, e.g. `commands:sqlite:1`. */
  readonly id: string;
  readonly kind: MeasureKind;
  readonly target: StoreTarget;
  /** Concurrent clients (command measures on PostgreSQL). */
  readonly clients: number;
  /**
   * Whether the clients are concurrent requests to one engine over one store (one server
   * process), rather than each with its own engine and store connection (several processes).
   */
  readonly oneEngine?: boolean;
  readonly workload: WorkloadSpec;
  /** Queries per query type (queries measure). */
  readonly samples: number;
  /** Run only the first this many commands of the workload (single-client SQLite and PostgreSQL command measures). */
  readonly limit?: number;
  /** Streams the engine keeps folded, in command measures (`streamCacheSize`). */
  readonly streamCacheSize?: number;
  /** V8 old-space limit of the measure's process in MB (`--max-old-space-size`). */
  readonly heapMb: number;
  /** Where `copy-to-postgres` reads the rows it copies. */
  readonly source?: StoreTarget;
  /** Where `getkey-views` keeps data keys: the store, under a key-encryption key, or the process. */
  readonly vault?: 'store' | 'in-process';
  /** The request mix of `mix-engine` and `mix-http`. */
  readonly mix?: MixName;
  /** Operations of a mix measure (its data set's size is `workload.purchases`). */
  readonly operations?: number;
}

/** A latency distribution in milliseconds. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

/** Counts that any correct fold of the log must agree on: a cross-check between read models. */
export interface ReadModelSummary {
  readonly purchases: number;
  readonly active: number;
  readonly pending: number;
  readonly cancelled: number;
  readonly keys: number;
  readonly revokedKeys: number;
  readonly views: number;
  readonly downloads: number;
  readonly linkCopies: number;
  readonly paidCents: number;
}

/** What a measure reports back to the runner. */
export interface MeasureResult {
  readonly id: string;
  readonly kind: MeasureKind;
  /** Commands, events or queries the timing covers. */
  readonly operations: number;
  readonly events: number;
  readonly seconds: number;
  /** operations / seconds. */
  readonly perSecond: number;
  readonly latency?: Readonly<Record<string, Latency>>;
  /** Commands whose outcome differed from what the workload's rules demand. */
  readonly mismatches: number;
  readonly firstMismatches: readonly string[];
  /** SHA-256 over the software list read model, when the measure builds or reads one. */
  readonly readModelDigest?: string;
  readonly summary?: ReadModelSummary;
  /** Peak resident set size of the measure's process, in MB. */
  readonly peakRssMb: number;
  readonly details: Readonly<Record<string, number | string | boolean>>;
}

/** What a throughput measure counted; {@link throughputResult} turns it into a result. */
export interface Throughput {
  readonly operations: number;
  readonly events: number;
  readonly seconds: number;
  readonly mismatches: { readonly count: number; readonly first: readonly string[] };
}

/** A measure's result from what it counted: the rate, the mismatches, and any extra fields. */
export function throughputResult(
  spec: MeasureSpec,
  counted: Throughput,
  extra: Partial<Omit<MeasureResult, 'id' | 'kind' | 'operations' | 'events' | 'seconds' | 'perSecond' | 'mismatches' | 'firstMismatches' | 'peakRssMb'>> = {},
): Omit<MeasureResult, 'peakRssMb'> {
  return {
    id: spec.id,
    kind: spec.kind,
    operations: counted.operations,
    events: counted.events,
    seconds: counted.seconds,
    perSecond: counted.operations / counted.seconds,
    mismatches: counted.mismatches.count,
    firstMismatches: counted.mismatches.first,
    details: {},
    ...extra,
  };
}
