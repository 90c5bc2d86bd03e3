/** The schema version this package writes; kept in SQLite's `user_version` header field. */
export const SCHEMA_VERSION = 3;
