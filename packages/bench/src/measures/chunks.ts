import type { Latency } from './measure-spec.js';
import type { WorkItem } from '../workload/work-item.js';

/** Takes items in arrays of `size`, so generating them can be kept out of the timed part. */
export function* chunks(items: Iterable<WorkItem>, size: number, limit = Infinity): Generator<WorkItem[]> {
  let chunk: WorkItem[] = [];
  for (const item of items) {
    if (item.seq >= limit) break;
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Splits a chunk among `clients` by purchase, keeping each purchase's commands in order. */
export function partition(chunk: readonly WorkItem[], clients: number): WorkItem[][] {
  const parts: WorkItem[][] = Array.from({ length: clients }, () => []);
  for (const item of chunk) (parts[item.purchase % clients] as WorkItem[]).push(item);
  return parts;
}

/** Accumulates the time spent inside `time` calls only. */
export class Stopwatch {
  private totalNs = 0n;

  async time<T>(work: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      this.totalNs += process.hrtime.bigint() - start;
    }
  }

  get seconds(): number {
    return Number(this.totalNs) / 1e9;
  }
}

/** The percentile `p` (0..1) of samples, by nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The p50 and p99 of latency samples in ms (nearest rank), and how many there were. */
export function latencyOf(ms: readonly number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), samples: sorted.length };
}
