import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { SCHEMA_VERSION, sqliteStore, type SynchronousLevel } from '@csp-onprem/store-sqlite';
import { chainedRecords } from '@csp-onprem/testing';
import { left, makeTempDir, right, type TempDir } from './temp-files.js';

interface ColumnInfo {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly pk: number;
}

function inspect(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      userVersion: db.pragma('user_version', { simple: true }),
      journalMode: db.pragma('journal_mode', { simple: true }),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(),
      columns: (db.pragma('table_info(events)') as ColumnInfo[]).map((c) => `${c.name} ${c.type}${c.pk ? ' pk' : ''}${c.notnull ? ' not null' : ''}`),
      uniqueIndexes: (db.pragma('index_list(events)') as { name: string; unique: number }[])
        .filter((index) => index.unique === 1)
        .map((index) => (db.pragma(`index_info(${JSON.stringify(index.name)})`) as { name: string }[]).map((c) => c.name).join(','))
        .sort(),
      autoincrement: db.prepare("SELECT sql FROM sqlite_master WHERE name = 'events'").pluck().get(),
    };
  } finally {
    db.close();
  }
}

const SETPRIV = '/usr/bin/setpriv';

/** A store file as schema version 1 left it (events only, no projection tables), holding two events of one stream. */
async function versionOneStore(path: string, streamId: string) {
  const records = chainedRecords(streamId, 2);
  const creator = sqliteStore({ path });
  right(await creator.appendToStream(streamId, 0, records));
  await creator.close();
  const db = new Database(path);
  db.exec('DROP TABLE projection_checkpoints; DROP TABLE projection_documents; DROP TABLE data_keys; DROP TABLE destroyed_data_keys;');
  db.pragma('user_version = 1');
  db.close();
  return records;
}

/** Marks the running test pending and says why in the test output, so a skip on CI is never silent. */
function skipSaying(context: Mocha.Context, reason: string): never {
  console.log(`      (skipped: ${reason})`);
  context.skip();
}

describe('opening the SQLite store', () => {
  let dir: TempDir;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    dir.remove();
  });

  it('touches no file until it is first used, then creates the schema with its version', async () => {
    const path = dir.newDbPath();
    const store = sqliteStore({ path });
    expect(store.name).to.equal(`sqlite:${path}`);
    expect(existsSync(path), 'no file before the first call').to.equal(false);

    expect(right(await store.readStream('csp-software-none'))).to.deep.equal([]);
    expect(existsSync(path)).to.equal(true);
    await store.close();

    const schema = inspect(path);
    expect(schema.userVersion).to.equal(SCHEMA_VERSION);
    expect(schema.tables).to.deep.equal(['data_keys', 'destroyed_data_keys', 'events', 'projection_checkpoints', 'projection_documents']);
    expect(schema.columns).to.deep.equal([
      'position INTEGER pk',
      'event_id TEXT not null',
      'stream_id TEXT not null',
      'version INTEGER not null',
      'type TEXT not null',
      'data TEXT not null',
      'meta TEXT not null',
      'prev_hash TEXT not null',
      'hash TEXT not null',
    ]);
    expect(schema.uniqueIndexes).to.deep.equal(['event_id', 'stream_id,version']);
    expect(schema.autoincrement).to.match(/AUTOINCREMENT/);
  });

  it('opens an existing file again without touching its schema or its events', async () => {
    const path = dir.newDbPath();
    const first = sqliteStore({ path });
    const records = chainedRecords('csp-software-reopen', 2);
    right(await first.appendToStream('csp-software-reopen', 0, records));
    await first.close();
    const before = inspect(path);

    for (let round = 0; round < 2; round += 1) {
      const again = sqliteStore({ path });
      const stored = right(await again.readStream('csp-software-reopen'));
      expect(stored.map((event) => event.eventId)).to.deep.equal(records.map((record) => record.eventId));
      await again.close();
    }
    expect(inspect(path)).to.deep.equal(before);
  });

  it('puts the file in WAL journal mode', async () => {
    const path = dir.newDbPath();
    const store = sqliteStore({ path });
    right(await store.appendToStream('csp-software-wal', 0, chainedRecords('csp-software-wal', 1)));
    expect(existsSync(`${path}-wal`), 'a write-ahead log sits beside the open file').to.equal(true);
    await store.close();
    expect(inspect(path).journalMode).to.equal('wal');
  });

  it('answers StoreUnavailable naming the cause, not a throw, for a file in a missing directory', async () => {
    const path = join(dir.path, 'no-such-directory', 'events.db');
    const store = sqliteStore({ path });
    for (const result of [await store.readStream('csp-software-x'), await store.readAll({ after: 0, limit: 1 })]) {
      const error = left(result);
      expect(error.code).to.equal('StoreUnavailable');
      expect(error.message).to.match(/directory does not exist/);
      expect(error.message).to.contain(path);
    }
    const append = left(await store.appendToStream('csp-software-x', 0, chainedRecords('csp-software-x', 1)));
    expect(append.code).to.equal('StoreUnavailable');
    expect(existsSync(join(dir.path, 'no-such-directory'))).to.equal(false);
    await store.close();
  });

  it('answers StoreUnavailable for a file that is not a SQLite database and leaves the file as it was', async () => {
    const path = join(dir.path, 'notes.db');
    const content = Buffer.from('These are meeting notes, not a database.\n'.repeat(200));
    writeFileSync(path, content);
    const store = sqliteStore({ path });
    const error = left(await store.appendToStream('csp-software-x', 0, chainedRecords('csp-software-x', 1)));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.match(/not a database/);
    await store.close();
    expect(readFileSync(path).equals(content), 'the file is unchanged').to.equal(true);
  });

  it('refuses a file written by a newer schema version instead of guessing at it', async () => {
    const path = dir.newDbPath();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const store = sqliteStore({ path });
    const error = left(await store.readAll({ after: 0, limit: 10 }));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.contain('schema version 99');
    await store.close();
  });

  it('opens once the missing directory appears, since a failed open is not remembered', async () => {
    const path = join(dir.path, 'later', 'events.db');
    const store = sqliteStore({ path });
    expect(left(await store.readStream('csp-software-later')).code).to.equal('StoreUnavailable');
    mkdirSync(join(dir.path, 'later'));
    expect(right(await store.readStream('csp-software-later'))).to.deep.equal([]);
    await store.close();
  });

  it('releases the file when closed while its first call is still opening it', async () => {
    const path = dir.newDbPath();
    const store = sqliteStore({ path });
    const pending = store.readStream('csp-software-x');
    await store.close();
    expect(left(await pending).code).to.equal('StoreUnavailable');
    expect(existsSync(path), 'the file was opened').to.equal(true);
    expect(existsSync(`${path}-wal`), 'the last connection closed, so SQLite removed its log').to.equal(false);
  });

  it('with createIfMissing false, answers StoreUnavailable for a path that does not exist and creates no file', async () => {
    const path = dir.newDbPath();
    const store = sqliteStore({ path, createIfMissing: false });
    const refused = left(await store.appendToStream('csp-software-typo', 0, chainedRecords('csp-software-typo', 1)));
    expect(refused.code).to.equal('StoreUnavailable');
    expect(refused.message).to.include('the file does not exist, and createIfMissing is false');
    expect(left(await store.readAll({ after: 0, limit: 1 })).code).to.equal('StoreUnavailable');
    expect(existsSync(path), 'a file was created').to.equal(false);
    await store.close();
  });

  it('with createIfMissing false, refuses an existing SQLite file that holds no store and leaves it as it was', async () => {
    const path = dir.newDbPath();
    const other = new Database(path);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    const store = sqliteStore({ path, createIfMissing: false });
    const refused = left(await store.readStream('csp-software-x'));
    expect(refused.code).to.equal('StoreUnavailable');
    expect(refused.message).to.include('holds no csp-onprem event store');
    await store.close();
    expect(inspect(path)).to.deep.include({ tables: ['notes'], journalMode: 'delete', userVersion: 0 });
  });

  it('with createIfMissing false, refuses a file of another application that keeps its own user_version, and leaves it as it was', async () => {
    const path = dir.newDbPath();
    const other = new Database(path);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.pragma('user_version = 1');
    other.close();
    const store = sqliteStore({ path, createIfMissing: false });
    expect(left(await store.readAll({ after: 0, limit: 1 })).message).to.include('holds no csp-onprem event store (schema version 1, no events table)');
    await store.close();
    expect(inspect(path)).to.deep.include({ tables: ['notes'], journalMode: 'delete', userVersion: 1 });
  });

  it('with createIfMissing false, refuses an empty file and leaves it empty', async () => {
    const path = dir.newDbPath();
    writeFileSync(path, '');
    const store = sqliteStore({ path, createIfMissing: false });
    expect(left(await store.readStream('csp-software-x')).message).to.include('holds no csp-onprem event store (schema version 0, no events table)');
    await store.close();
    expect(readFileSync(path).length).to.equal(0);
  });

  it('with createIfMissing false, upgrades a store written by schema version 1 (events only) and keeps its events', async () => {
    const path = dir.newDbPath();
    const records = await versionOneStore(path, 'csp-software-old');

    const store = sqliteStore({ path, createIfMissing: false });
    expect(right(await store.readStream('csp-software-old')).map((event) => event.hash)).to.deep.equal(records.map((record) => record.hash));
    await store.close();
    expect(inspect(path)).to.deep.include({ userVersion: SCHEMA_VERSION, tables: ['data_keys', 'destroyed_data_keys', 'events', 'projection_checkpoints', 'projection_documents'] });
  });

  it('with createIfMissing false, opens a store another store created and reads its events', async () => {
    const path = dir.newDbPath();
    const creator = sqliteStore({ path });
    right(await creator.appendToStream('csp-software-made', 0, chainedRecords('csp-software-made', 2)));
    await creator.close();
    const store = sqliteStore({ path, createIfMissing: false });
    expect(right(await store.readStream('csp-software-made'))).to.have.length(2);
    await store.close();
  });

  describe('read-only', () => {
    const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

    it('reads a store and changes no byte of its file; appends and projection saves are refused', async () => {
      const path = dir.newDbPath();
      const records = chainedRecords('csp-software-kept', 3);
      const writer = sqliteStore({ path });
      right(await writer.appendToStream('csp-software-kept', 0, records));
      await writer.close();
      const before = fileHash(path);

      const reader = sqliteStore({ path, readOnly: true });
      expect(right(await reader.readStream('csp-software-kept')).map((event) => event.hash)).to.deep.equal(records.map((record) => record.hash));
      expect(right(await reader.readAll({ after: 0, limit: 10 }))).to.have.length(3);
      const append = left(await reader.appendToStream('csp-software-new', 0, chainedRecords('csp-software-new', 1)));
      expect(append.code).to.equal('StoreUnavailable');
      expect(append.message).to.include('the store was opened read-only');
      expect(reader.projections, 'a read-only store keeps no projection state').to.equal(undefined);
      await reader.close();
      expect(fileHash(path)).to.equal(before);
    });

    it('reads a store written by schema version 1 without upgrading it', async () => {
      const path = dir.newDbPath();
      const records = await versionOneStore(path, 'csp-software-v1');

      const reader = sqliteStore({ path, readOnly: true });
      expect(right(await reader.readAll({ after: 0, limit: 10 })).map((event) => event.hash)).to.deep.equal(records.map((record) => record.hash));
      await reader.close();
      expect(inspect(path)).to.deep.include({ userVersion: 1, tables: ['events'] });
    });

    it('sees what a writer still holding the file has committed, before and after a checkpoint', async () => {
      const path = dir.newDbPath();
      const writer = sqliteStore({ path });
      const records = chainedRecords('csp-software-live', 4);
      right(await writer.appendToStream('csp-software-live', 0, records.slice(0, 2)));
      const reader = sqliteStore({ path, readOnly: true });
      expect(right(await reader.readAll({ after: 0, limit: 10 }))).to.have.length(2);
      right(await writer.appendToStream('csp-software-live', 2, records.slice(2)));
      expect(right(await reader.readStream('csp-software-live')).map((event) => event.version)).to.deep.equal([1, 2, 3, 4]);
      const checkpointer = new Database(path);
      const [checkpoint] = checkpointer.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
      checkpointer.close();
      expect(checkpoint, 'the checkpoint ran to the end and emptied the WAL').to.deep.equal({ busy: 0, log: 0, checkpointed: 0 });
      expect(right(await reader.readAll({ after: 0, limit: 10 })).map((event) => event.version)).to.deep.equal([1, 2, 3, 4]);
      await Promise.all([writer.close(), reader.close()]);
    });

    it('says in plain words when SQLite cannot create the files it needs beside a WAL database', async function () {
      const path = dir.newDbPath();
      const writer = sqliteStore({ path });
      right(await writer.appendToStream('csp-software-ro', 0, chainedRecords('csp-software-ro', 1)));
      await writer.close();
      chmodSync(dir.path, 0o555);
      try {
        let message: string;
        if (process.getuid?.() === 0) {
          // Root may write anywhere: read as the unprivileged user instead.
          if (!existsSync(SETPRIV)) skipSaying(this, `running as root without ${SETPRIV}, so no unprivileged user can try the read`);
          const store = fileURLToPath(new URL('../dist/index.js', import.meta.url));
          const script = `const { sqliteStore } = await import(${JSON.stringify(store)});
            const reader = sqliteStore({ path: ${JSON.stringify(path)}, readOnly: true });
            const read = await reader.readAll({ after: 0, limit: 1 });
            console.log(read._tag === 'Left' ? read.left.message : 'read ' + read.right.length);
            await reader.close();`;
          const child = spawnSync(SETPRIV, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
          // A checkout that the unprivileged user may not read cannot run this check.
          if (/EACCES|ERR_MODULE_NOT_FOUND/.test(child.stderr)) skipSaying(this, 'the unprivileged user (uid 65534) cannot read this checkout');
          message = child.stdout.trim();
        } else {
          const reader = sqliteStore({ path, readOnly: true });
          message = left(await reader.readAll({ after: 0, limit: 1 })).message;
          await reader.close();
        }
        expect(message).to.include('cannot read the file read-only: SQLite must create its -wal and -shm files beside it');
      } finally {
        chmodSync(dir.path, 0o700);
      }
    });

    it('refuses createIfMissing: true, which it cannot honour', async () => {
      const store = sqliteStore({ path: dir.newDbPath(), readOnly: true, createIfMissing: true });
      expect(left(await store.readAll({ after: 0, limit: 1 })).message).to.include('readOnly cannot create a file');
      await store.close();
    });

    it('refuses a missing file, naming readOnly, and creates nothing', async () => {
      const path = dir.newDbPath();
      const reader = sqliteStore({ path, readOnly: true });
      expect(left(await reader.readAll({ after: 0, limit: 1 })).message).to.include('the file does not exist, and readOnly is true');
      await reader.close();
      expect(existsSync(path)).to.equal(false);
    });

    it('answers StoreUnavailable for a readOnly that is not a boolean, null included', async () => {
      for (const readOnly of ['yes', null]) {
        const store = sqliteStore({ path: dir.newDbPath(), readOnly: readOnly as unknown as boolean });
        expect(left(await store.readStream('csp-software-x')).message).to.contain(`readOnly must be true or false, not ${String(readOnly)}`);
        await store.close();
      }
    });
  });

  it('answers StoreUnavailable for a createIfMissing that is not a boolean, null included, and creates no file', async () => {
    for (const createIfMissing of ['no', null]) {
      const path = dir.newDbPath();
      const store = sqliteStore({ path, createIfMissing: createIfMissing as unknown as boolean });
      expect(left(await store.readStream('csp-software-x')).message).to.contain(`createIfMissing must be true or false, not ${String(createIfMissing)}`);
      await store.close();
      expect(existsSync(path)).to.equal(false);
    }
  });

  it('answers StoreUnavailable for a synchronous level SQLite does not have', async () => {
    const store = sqliteStore({ path: dir.newDbPath(), synchronous: 'SOMETIMES' as SynchronousLevel });
    const error = left(await store.readStream('csp-software-x'));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.contain('synchronous');
    await store.close();
  });
});
