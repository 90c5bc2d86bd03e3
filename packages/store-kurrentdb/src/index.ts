export { kurrentdbStore, type KurrentdbStore, type KurrentdbStoreOptions } from './kurrentdb-store.js';
export type { EventListener, SubscriptionErrorListener, Unsubscribe } from './subscription.js';
export { toKurrentEvent, fromKurrentEvent, isSystemEvent, type RecordMetadata, type KurrentRecordedEvent } from './event-mapping.js';
export { streamStateFor, versionOfRevision, versionOfStreamState } from './revisions.js';
export { positionOfCommit, readPositionAfter } from './positions.js';
export { toAppendError, toStoreUnavailable, isUnreachable, type ErrorContext, type AppendExpectation } from './error-mapping.js';
export { storeNameOf, secretsOf, redact } from './store-name.js';
export { withinTime } from './time-bound.js';
