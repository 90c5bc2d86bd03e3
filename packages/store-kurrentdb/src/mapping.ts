// `@csp-onprem/store-kurrentdb/mapping`: how records, stream revisions, positions and data
// keys map to and from the KurrentDB client's own types, for code that works with the client
// directly. Apart from the main entry because these declarations import the client's types,
// which a program type-checked with `skipLibCheck: false` and the newest @types/node reads too
// (and the client's 1.x declarations fail there: `StreamingRead` no longer extends `Readable`);
// the main entry reaches none of them.
export { toKurrentEvent, fromKurrentEvent, isSystemEvent, type RecordMetadata, type KurrentRecordedEvent } from './event-mapping.js';
export { streamStateFor, versionOfRevision, versionOfStreamState } from './revisions.js';
export { positionOfCommit, readPositionAfter } from './positions.js';
export { kurrentdbDataKeys, type RunOnClient } from './data-keys.js';
