import type { StoreTarget } from './store-target.js';
import type { WriterPlan } from './writer.js';

/** What the parent tells a writer process to do. */
export interface WriterJob {
  readonly target: StoreTarget;
  readonly plan: WriterPlan;
  readonly maxRetries: number;
  /** Where the writer logs its commands and their outcomes, one JSON line each. */
  readonly outcomesFile: string;
}

/** What a writer process tells the parent. */
export type WriterMessage = { readonly type: 'ready' } | { readonly type: 'done'; readonly ms: number };
