import type { StoreTarget } from '../concurrency/store-target.js';

/** What the parent tells the child it is about to kill. */
export interface AppenderJob {
  readonly target: StoreTarget;
  /** The run number: part of every command id, so ids stay unique across restarts. */
  readonly run: number;
  /** The side file the child appends an acknowledgement line to after each successful command. */
  readonly ackFile: string;
}
