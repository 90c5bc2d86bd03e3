import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine, inMemoryStore, inProcessVault, verifyStore, type EventRecord, type EventStore, type VerifyReport } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { propertyRuns } from './fast-check-options.js';
import { writeSampleLog } from './sample-log.js';
import { readAllRecords, recordOf, storeHolding, storeReading } from './store-records.js';
import { RECORD_FIELDS, flipChar, tamperField, without } from './tamper.js';

async function verified(store: EventStore): Promise<VerifyReport> {
  let report: Awaited<ReturnType<typeof verifyStore>>;
  try {
    // Verifying shows no key: any vault will do.
    report = await createEngine({ store, vault: inProcessVault() }).verify();
  } catch (cause) {
    return expect.fail(`verify threw instead of reporting: ${String(cause)}`);
  }
  if (E.isLeft(report)) return expect.fail(`verify could not read the store: ${report.left.message}`);
  return report.right;
}

/** Streams of the log with at least `min` events, with the global indexes of their events. */
function streamsOf(records: readonly EventRecord[], min: number): number[][] {
  const byStream = new Map<string, number[]>();
  records.forEach((r, i) => byStream.set(r.streamId, [...(byStream.get(r.streamId) ?? []), i]));
  return [...byStream.values()].filter((indexes) => indexes.length >= min);
}

/** An integer version with one digit changed; a letter now and then, which SQLite then keeps as text. */
function flippedVersion(version: number, at: number, pick: number): number | string {
  const digits = String(version);
  const index = at % digits.length;
  const choices = '0123456789x'.replace(digits[index] ?? '', '');
  const text = `${digits.slice(0, index)}${choices[pick % choices.length]}${digits.slice(index + 1)}`;
  return /^\d+$/.test(text) ? Number(text) : text;
}

describe('tamper evidence: verify catches every edit of the log', function () {
  this.timeout(120_000);
  let records: EventRecord[];

  before(async () => {
    const store = inMemoryStore();
    await writeSampleLog(store);
    records = (await readAllRecords(store)).map(recordOf);
    expect((await verified(await storeHolding(records))).ok, 'the untouched log verifies').to.equal(true);
    expect(await verified(storeReading(records)), 'the untouched log verifies through the read-only store').to.deep.include({ ok: true, events: records.length });
  });

  it('catches one changed character in any field of any record, at that record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(...RECORD_FIELDS), fc.nat(), fc.nat(), async (i, field, at, pick) => {
        const index = i % records.length;
        const original = records[index];
        if (original === undefined) return;
        const tampered = [...records];
        tampered[index] = tamperField(original, field, at, pick);
        const report = await verified(storeReading(tampered));
        expect(report.ok, `a changed ${field} of event ${index + 1} went unnoticed`).to.equal(false);
        expect(report.firstFailure?.position, `the first failure is the tampered event (${field}): ${JSON.stringify(report.firstFailure)}`).to.equal(index + 1);
        if (field !== 'streamId') expect(report.firstFailure?.streamId).to.equal(original.streamId);
        if (field !== 'version') expect(report.firstFailure?.version).to.equal(original.version);
      }),
      propertyRuns(600),
    );
  });

  it('catches a deleted event in the middle of a stream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (s, k) => {
        const streams = streamsOf(records, 3);
        const stream = streams[s % streams.length] ?? [];
        const victim = stream[1 + (k % (stream.length - 2))] ?? 0;
        const report = await verified(storeReading(without(records, victim)));
        expect(report.ok).to.equal(false);
        expect(report.firstFailure).to.deep.include({ streamId: records[victim]?.streamId, version: (records[victim]?.version ?? 0) + 1, problem: 'version-gap' });
      }),
      propertyRuns(50),
    );
  });

  it('catches a stream truncated in its middle', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), async (s, a, b) => {
        const streams = streamsOf(records, 4);
        const stream = streams[s % streams.length] ?? [];
        // Drop events first..last of the stream (not its head, not its tail), keeping the rest.
        const first = 1 + (a % (stream.length - 2));
        const last = first + (b % (stream.length - 1 - first));
        const dropped = new Set(stream.slice(first, last + 1));
        const kept = records.filter((_r, i) => !dropped.has(i));
        const report = await verified(storeReading(kept));
        expect(report.ok).to.equal(false);
        const firstDropped = records[stream[first] ?? 0];
        expect(report.firstFailure).to.deep.include({ streamId: firstDropped?.streamId, problem: 'version-gap' });
        expect(report.firstFailure?.version).to.be.greaterThan(firstDropped?.version ?? 0);
      }),
      propertyRuns(50),
    );
  });

  it('catches two events of a stream swapped in the global order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), async (s, a, b) => {
        const streams = streamsOf(records, 2);
        const stream = streams[s % streams.length] ?? [];
        const x = stream[a % stream.length] ?? 0;
        let y = stream[b % stream.length] ?? 0;
        if (x === y) y = stream[(stream.indexOf(x) + 1) % stream.length] ?? 0;
        const [lo, hi] = [Math.min(x, y), Math.max(x, y)];
        const swapped = [...records];
        [swapped[lo], swapped[hi]] = [records[hi] as EventRecord, records[lo] as EventRecord];
        const report = await verified(storeReading(swapped));
        expect(report.ok).to.equal(false);
        // Everything before the earlier of the two is untouched, so that is where the chain breaks.
        expect(report.firstFailure).to.deep.include({ streamId: records[lo]?.streamId, position: lo + 1 });
      }),
      propertyRuns(50),
    );
  });

  it('catches two events of a stream whose contents are swapped under the original versions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (s, a) => {
        const streams = streamsOf(records, 2);
        const stream = streams[s % streams.length] ?? [];
        const at = a % (stream.length - 1);
        const [lo, hi] = [stream[at] ?? 0, stream[at + 1] ?? 0];
        const low = records[lo] as EventRecord;
        const high = records[hi] as EventRecord;
        const swapped = [...records];
        swapped[lo] = { ...high, version: low.version };
        swapped[hi] = { ...low, version: high.version };
        const report = await verified(storeReading(swapped));
        expect(report.ok).to.equal(false);
        expect(report.firstFailure).to.deep.include({ streamId: low.streamId, version: low.version, position: lo + 1 });
      }),
      propertyRuns(50),
    );
  });

  describe('in a real SQLite file', () => {
    const TEXT_COLUMNS = ['stream_id', 'event_id', 'type', 'data', 'meta', 'prev_hash', 'hash'] as const;
    let dir: string;
    let pristine: string;
    let rows: number;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'csp-tamper-'));
      pristine = join(dir, 'pristine.db');
      const store = sqliteStore({ path: pristine });
      await writeSampleLog(store);
      rows = (await readAllRecords(store)).length;
      expect((await verified(store)).ok, 'the untouched file verifies').to.equal(true);
      await store.close();
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    let copies = 0;
    it('catches one changed character in any column of any row, never throwing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.constantFrom(...TEXT_COLUMNS, 'version' as const), fc.nat(), fc.nat(), async (r, column, at, pick) => {
          copies += 1;
          const path = join(dir, `tampered-${copies}.db`);
          copyFileSync(pristine, path);
          const position = 1 + (r % rows);
          const db = new Database(path);
          try {
            const row = db.prepare(`SELECT ${column} AS value FROM events WHERE position = ?`).get(position) as { value: string | number };
            const value = column === 'version' ? flippedVersion(Number(row.value), at, pick) : flipChar(String(row.value), at, pick).text;
            fc.pre(value !== row.value);
            try {
              db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, position);
            } catch (cause) {
              // A (stream_id, version) or event_id that another row already holds: the schema itself refuses the edit.
              fc.pre(!(cause instanceof Database.SqliteError && cause.code.startsWith('SQLITE_CONSTRAINT')));
              throw cause;
            }
          } finally {
            db.close();
          }
          const store = sqliteStore({ path });
          try {
            const report = await verified(store);
            expect(report.ok, `a changed ${column} of row ${position} went unnoticed`).to.equal(false);
            expect(report.firstFailure?.position, `the first failure is the tampered row: ${JSON.stringify(report.firstFailure)}`).to.equal(position);
            if (column === 'data' || column === 'meta') expect(['hash', 'decode']).to.include(report.firstFailure?.problem);
          } finally {
            await store.close();
            rmSync(path, { force: true });
            rmSync(`${path}-wal`, { force: true });
            rmSync(`${path}-shm`, { force: true });
          }
        }),
        propertyRuns(150),
      );
    });
  });
});
