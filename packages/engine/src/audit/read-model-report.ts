/** How a saved document differs from the one a fold of the log makes. */
export type ReadModelProblem =
  /** The log makes a document the store does not keep. */
  | 'missing'
  /** The store keeps a document the log does not make. */
  | 'unexpected'
  /** The store's document is not the one the log makes. */
  | 'differs';

/** One saved document that is not what the log makes. */
export interface ReadModelDifference {
  /** The read model (projection) name: `software-list`, `purchase-index`, `tickets`. */
  readonly readModel: string;
  /** The document's key. */
  readonly key: string;
  /** The purchase stream the document is about, when it is about one. */
  readonly streamId?: string;
  readonly problem: ReadModelProblem;
  /** For `differs`: the document's top-level fields that differ (never their values). */
  readonly fields: readonly string[];
  readonly message: string;
}

/** One saved read model that was compared with a fold of the log. */
export interface ReadModelChecked {
  readonly readModel: string;
  /** The checkpoint it was saved at: the log is folded up to there. */
  readonly position: number;
  readonly documents: number;
}

/** Whether the read models a store keeps are what a fold of the log makes. */
export interface ReadModelReport {
  /** True when every saved document is exactly what the log makes at its checkpoint. */
  readonly ok: boolean;
  /** The read models compared; empty when the store keeps none. */
  readonly checked: readonly ReadModelChecked[];
  readonly differences: readonly ReadModelDifference[];
}
