export { kurrentdbStore, type KurrentdbStore, type KurrentdbStoreOptions } from './kurrentdb-store.js';
export type { EventListener, SubscriptionErrorListener, Unsubscribe } from './subscription-listeners.js';
export { toAppendError, toStoreUnavailable, isUnreachable, type ErrorContext, type AppendExpectation } from './error-mapping.js';
export { storeNameOf, secretsOf, redact } from './store-name.js';
export { withinTime } from './time-bound.js';
export { dataKeyStreamOf, DATA_KEY_STREAM_PREFIX, DATA_KEY_STATE, encodeSnapshot, decodeSnapshot, lookupIn, withLiveDestroyed, tenantOfKeyId, EMPTY_SNAPSHOT, type DataKeySnapshot } from './data-key-snapshot.js';
export { KURRENTDB_STORE_OPTIONS } from './option-shapes.js';
