import type { EventType } from '@csp-onprem/domain';

/**
 * What a command must come to: `ok` (it writes `events`), `replayed` (a retry of a command
 * already handled: the earlier result, nothing written), or the code of the refusal the
 * domain's rules demand.
 */
export type Expectation = 'ok' | 'replayed' | 'AlreadyCancelled' | 'CancellationPending' | 'CancellationWindowElapsed';

/** One command of the workload, in global time order, with what it must lead to. */
export interface WorkItem {
  /** 0, 1, 2, ... in the order the workload issues commands. */
  readonly seq: number;
  /** The injected clock's reading when the command runs (ms since the epoch). */
  readonly at: number;
  /** Index of the purchase the command acts on; clients are partitioned by it. */
  readonly purchase: number;
  readonly subscriptionId: string;
  /** The partner that sold the purchase: with the subscription id, what keys its stream. */
  readonly partnerId: string;
  /** The command as a platform sends it: plain JSON, decoded by the engine. */
  readonly command: Readonly<Record<string, unknown>>;
  readonly expect: Expectation;
  /** The types of the events the command writes, in order; empty when it writes none. */
  readonly events: readonly EventType[];
}
