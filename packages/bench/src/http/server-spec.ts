import type { Actor } from '@csp-onprem/domain';
import type { StoreTarget } from '../stores/store-target.js';

/** What the service process of an HTTP measure is told, in the environment. */
export interface ServerChildSpec {
  readonly target: StoreTarget;
  readonly seed: number;
  readonly partners: readonly Actor[];
}

/** The variable the service process reads its spec from. */
export const SERVER_SPEC_VARIABLE = 'CSP_ONPREM_BENCH_SERVER_SPEC';

/** What the service process says once it listens. */
export interface ServerReady {
  readonly url: string;
  /** A token per partner, in the data set's order. */
  readonly tokens: readonly string[];
}

/** What the service process says once it stopped. */
export interface ServerStopped {
  readonly peakRssMb: number;
  /** CPU time the process spent from listening to stopping, in ms. */
  readonly cpuMs: number;
}
