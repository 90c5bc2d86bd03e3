/** The instrumentation scope every csp-onprem tracer and meter is named after. */
export const INSTRUMENTATION_SCOPE = '@csp-onprem/engine';

/** The names of the spans csp-onprem starts; stable across releases (docs/telemetry.md). */
export const SpanNames = {
  /** One command, from decoding its input to its answer. */
  execute: 'csp_onprem.execute',
  /** One `appendToStream` call on the store. */
  append: 'csp_onprem.store.append',
  /** One `readStream` call on the store. */
  readStream: 'csp_onprem.store.read_stream',
  /** One page of the global order read from the store (`readAll`). */
  readAll: 'csp_onprem.store.read_all',
  /** One catch-up pass of one read model. */
  catchUp: 'csp_onprem.projection.catch_up',
  /** One `verify` of every stream's hash chain. */
  verify: 'csp_onprem.verify',
} as const;

/** The names of the metrics csp-onprem records; stable across releases (docs/telemetry.md). */
export const MetricNames = {
  /** Counter of commands by type and outcome. */
  commands: 'csp_onprem.commands',
  /** Histogram of how long a command took, in seconds, by type and outcome. */
  commandDuration: 'csp_onprem.command.duration',
  /** Counter of appends refused for a version conflict (each one is retried or answered). */
  versionConflicts: 'csp_onprem.version_conflicts',
  /** Gauge of the events in the log a read model has not applied yet. */
  projectionLag: 'csp_onprem.projection.lag',
} as const;

/**
 * The attribute names csp-onprem sets on its spans and metrics. None ever holds a product key,
 * a download link, a key-encryption key or a store password: stores are named by their
 * redacted `name`, and failures by their stable error code, never their message.
 */
export const AttributeNames = {
  /** The command's `type`, such as `PurchaseSoftware`; absent when the input did not decode. */
  commandType: 'csp_onprem.command.type',
  /** The command's `commandId`. */
  commandId: 'csp_onprem.command.id',
  /** Times the command was decided again after a version conflict. */
  retries: 'csp_onprem.command.retries',
  /** How an operation ended: `ok`, `replayed` (a repeated command id) or an error code. */
  outcome: 'csp_onprem.outcome',
  /** The stream a command or a store call worked on. */
  streamId: 'csp_onprem.stream.id',
  /** The store's name, passwords redacted (`EventStore.name`). */
  storeName: 'csp_onprem.store.name',
  /** The stream version an append expected. */
  expectedVersion: 'csp_onprem.store.expected_version',
  /** Events a store call wrote or returned. */
  events: 'csp_onprem.store.events',
  /** The position a page of the global order was read after. */
  after: 'csp_onprem.store.after',
  /** The most events a page of the global order was asked for. */
  limit: 'csp_onprem.store.limit',
  /** The read model's name, such as `software-list`. */
  projectionName: 'csp_onprem.projection.name',
  /** The position a catch-up pass started from. */
  fromPosition: 'csp_onprem.projection.from_position',
  /** The position a catch-up pass or a verify reached. */
  position: 'csp_onprem.position',
  /** Events a catch-up pass applied or a verify checked. */
  eventsRead: 'csp_onprem.events',
  /** Events a catch-up pass left out (they did not decode, or the fold threw). */
  skipped: 'csp_onprem.projection.skipped',
  /** Streams a verify checked. */
  streams: 'csp_onprem.verify.streams',
  /** What was wrong with the first bad event a verify found (`hash`, `prev-hash`, `version-gap`, `decode`). */
  verifyProblem: 'csp_onprem.verify.problem',
  /** OpenTelemetry's own attribute for the kind of failure: the error code, or the thrown error's class. */
  errorType: 'error.type',
} as const;
