import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inMemoryStore, localKeyEncryptionKey, type EngineOptions, type EventStore } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { freshTestSchema } from '../concurrency/postgres-schema.js';

/** The key-encryption key's secret every durable log of these tests wraps its data keys with. */
export const KEK_SECRET = randomBytes(32);

/** One log the telemetry tests write to, on one kind of store. */
export interface LogPlace {
  readonly label: string;
  /** A store over this log: on a durable store each call opens another connection to the same log. */
  open(): EventStore;
  /** What an engine over this log needs besides its store and telemetry. */
  readonly engineOptions: Partial<EngineOptions>;
  /** The password in the store's address, when it has one. */
  readonly password?: string;
  /** Closes what `open` opened and removes the log. */
  remove(): Promise<void>;
}

/** A kind of store the tests run on, making a fresh log each time. */
export interface Place {
  readonly label: string;
  make(): Promise<LogPlace>;
}

const durable = { keyEncryptionKey: localKeyEncryptionKey(KEK_SECRET) };

/** The in-memory store: one store shared by every engine of a test. */
const memory: Place = {
  label: 'the in-memory store',
  make: async () => {
    const store = inMemoryStore();
    return { label: 'memory', open: () => store, engineOptions: {}, remove: () => store.close() };
  },
};

/** A SQLite file in a scratch directory. */
const sqlite: Place = {
  label: 'SQLite',
  make: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-telemetry-'));
    const path = join(dir, 'log.db');
    const opened: EventStore[] = [];
    return {
      label: 'sqlite',
      open: () => {
        const store = sqliteStore({ path });
        opened.push(store);
        return store;
      },
      engineOptions: durable,
      remove: async () => {
        await Promise.all(opened.map((store) => store.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * A fresh PostgreSQL schema, reached through an address with a password in it: the server's
 * own when the test's address has one, else a made-up one a trusting local server ignores.
 */
const postgres: Place = {
  label: 'PostgreSQL',
  make: async () => {
    const schema = await freshTestSchema('telemetry');
    const url = new URL(process.env['PGURL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test');
    if (url.password === '') url.password = `pw-${randomBytes(6).toString('hex')}`;
    const password = decodeURIComponent(url.password);
    const opened: EventStore[] = [];
    return {
      label: 'postgres',
      open: () => {
        const store = postgresStore({ connectionString: url.toString() }, { schema: schema.name, poolSize: 2 });
        opened.push(store);
        return store;
      },
      engineOptions: durable,
      password,
      remove: async () => {
        await Promise.all(opened.map((store) => store.close()));
        await schema.drop();
      },
    };
  },
};

/** Every kind of store the telemetry tests run on. */
export const PLACES: readonly Place[] = [memory, sqlite, postgres];
