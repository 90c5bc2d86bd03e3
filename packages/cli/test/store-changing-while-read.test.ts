import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { verifiedFold } from '@csp-onprem/cli';
import type { EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { appendPurchases, writeAuditStory } from './support/audit-story.js';
import { positionOf, rewriteEvent } from './support/sqlite-adversary.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** The store, with `beforeRead` run before each read of the global order from its start. */
function storeWatchingRereads(store: EventStore, beforeRead: (reads: number) => void): EventStore {
  let reads = 0;
  return {
    ...store,
    readAll: (options) => {
      if (options.after === 0) beforeRead(reads++);
      return store.readAll(options);
    },
  };
}

describe('a store that changes while a verified export reads it', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-changing-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is not verified when events already read are rewritten before the read ends, even with every chain recomputed', async () => {
    const path = join(dir, 'rewritten-meanwhile.db');
    const writer = sqliteStore({ path });
    await writeAuditStory(writer);
    await writer.close();
    const purchase = positionOf(path, 'Purchased');
    const store = sqliteStore({ path, readOnly: true });
    // The first read serves the log as it was; before the read that checks it is unchanged, SUB-A1 is rewritten.
    const watched = storeWatchingRereads(store, (reads) => {
      if (reads === 1) rewriteEvent(path, purchase, (event) => (event.data['quantity'] = 20));
    });
    const folded: number[] = [];
    const verification = await verifiedFold(watched, undefined, (event) => folded.push(event.position));
    await store.close();
    if (E.isLeft(verification)) throw new Error(verification.left.message);
    expect(folded).to.have.length(14);
    const { verified, failures } = verification.right;
    expect(verified).to.equal(false);
    expect(failures).to.have.length(1);
    expect(failures[0]).to.match(
      /^the store changed while it was being read: its first 14 events, up to position 14, are not the ones read a moment before \(14 events now, root .{12}\.\.\. instead of .{12}\.\.\.\); someone is writing into its past$/,
    );
  });

  it('makes a csp-onprem export child process write nothing while another process keeps rewriting a purchase it already read', async () => {
    const path = join(dir, 'busy.db');
    const writer = sqliteStore({ path });
    await writeAuditStory(writer);
    await appendPurchases(writer, 1500);
    await writer.close();
    const purchase = positionOf(path, 'Purchased');
    const file = join(dir, 'busy.json');
    const exported = new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'export', '--store', path, '--format', 'json', '--out', file], { timeout: 120_000 }, (error, _stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr });
      });
    });
    // Another writer rewrites SUB-A1's purchase (every chain recomputed) every few milliseconds, to a new quantity each time.
    let quantity = 2;
    const rewriting = setInterval(() => rewriteEvent(path, purchase, (event) => (event.data['quantity'] = (quantity += 1))), 2);
    const run = await exported.finally(() => clearInterval(rewriting));
    expect(quantity, 'the writer ran meanwhile').to.be.greaterThan(3);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.match(/^csp-onprem: nothing was written: the log does not verify: the store changed while it was being read: /);
    expect(existsSync(file)).to.equal(false);
  });
});
