/**
 * A saved read model disagrees with the log: a document names other parties than the
 * purchase's own `Purchased` event. The read model is not used for the answer; rebuild the read
 * models (`engine.rebuildProjections()`) and find out who edited the database (`verify` lists
 * every document that differs from a fold of the log).
 */
export interface ReadModelMismatchError {
  readonly code: 'ReadModelMismatch';
  readonly message: string;
  /** The read model whose document disagrees. */
  readonly readModel: string;
  /** The stream whose facts it misstates. */
  readonly streamId: string;
}

/** Builds a `ReadModelMismatch` error. */
export function readModelMismatch(readModel: string, streamId: string, what: string): ReadModelMismatchError {
  return {
    code: 'ReadModelMismatch',
    message: `the saved ${readModel} read model disagrees with the log for stream ${streamId}: ${what}; it was not used (rebuild the read models, and run verify to see what was changed)`,
    readModel,
    streamId,
  };
}
