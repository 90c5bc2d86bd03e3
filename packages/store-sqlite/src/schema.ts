import type Database from 'better-sqlite3';
import { SCHEMA_VERSION } from './schema-version.js';

// position doubles as the rowid: AUTOINCREMENT never reuses a position, even after a rollback
// or a deleted last row, so a catch-up reader's checkpoint never points at a different event.
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id  TEXT    NOT NULL UNIQUE,
  stream_id TEXT    NOT NULL,
  version   INTEGER NOT NULL CHECK (version >= 1),
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  meta      TEXT    NOT NULL,
  prev_hash TEXT    NOT NULL,
  hash      TEXT    NOT NULL,
  UNIQUE (stream_id, version)
);
`;

// Version 2: durable state of catch-up projections, saved with its checkpoint in one transaction.
const SCHEMA_V2 = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name     TEXT    PRIMARY KEY,
  position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS projection_documents (
  name TEXT NOT NULL,
  key  TEXT NOT NULL,
  doc  TEXT NOT NULL,
  PRIMARY KEY (name, key)
) WITHOUT ROWID;
`;

// Version 3: the tenants' data keys, wrapped under the platform's key-encryption key, and the
// ids of destroyed ones (no key material).
const SCHEMA_V3 = `
CREATE TABLE IF NOT EXISTS data_keys (
  key_id     TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL UNIQUE,
  kek_id     TEXT NOT NULL,
  wrapped    BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS destroyed_data_keys (
  key_id       TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL,
  destroyed_at TEXT NOT NULL
);
`;

function newerVersion(version: number): Error {
  return new Error(`the file has event store schema version ${version}; this version of @csp-onprem/store-sqlite reads up to ${SCHEMA_VERSION}`);
}

/**
 * Throws unless the file already holds a store this version can read (an `events` table and a
 * schema version from 1 to {@link SCHEMA_VERSION}); reads only, so a file of another
 * application is left as it was. For a store that must not create one, or only reads.
 */
export function requireStore(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw newerVersion(version);
  const events = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
  if (version < 1 || events === undefined) {
    throw new Error(`the file holds no csp-onprem event store (schema version ${version}${events === undefined ? ', no events table' : ''}): nothing was created`);
  }
}

/**
 * Creates the schema on a new file, upgrades an older store's schema to
 * {@link SCHEMA_VERSION}, and refuses a newer one. A file already current is only read;
 * otherwise the steps run in one `BEGIN IMMEDIATE` transaction so two processes opening a new
 * file at once do not race. Throws when the file cannot be used; the caller turns that into
 * `StoreUnavailable`.
 */
export function migrate(db: Database.Database): void {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found === SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw newerVersion(version);
    // Each version's step is guarded by `version < n`; later versions add theirs below.
    if (version < 1) db.exec(SCHEMA_V1);
    if (version < 2) db.exec(SCHEMA_V2);
    if (version < 3) db.exec(SCHEMA_V3);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
