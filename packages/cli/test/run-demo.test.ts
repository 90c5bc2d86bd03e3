import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { runDemo, STORY_DAYS } from '@csp-onprem/cli';
import { DAY_MS } from '@csp-onprem/domain';
import { inMemoryStore } from '@csp-onprem/engine';

describe('runDemo embedded in a process', function () {
  this.timeout(30_000);

  it('plays the story on a given store, ends at the given now and sends every line to the sink', async () => {
    const lines: string[] = [];
    const now = new Date('2025-06-30T12:00:00.000Z');
    const result = await runDemo({ db: 'unused.db', store: inMemoryStore(), out: (line) => lines.push(line), now, runId: 'EMBED01' });
    if (E.isLeft(result)) expect.fail(`${result.left.code}: ${result.left.message}`);
    const start = new Date(now.getTime() - STORY_DAYS * DAY_MS);
    expect(lines[0]).to.equal(`csp-onprem demo: run EMBED01 on memory, story from ${start.toISOString().slice(0, 16).replace('T', ' ')} to 2025-06-30 12:00 UTC`);
    expect(lines).to.include('== Refund eligibility at 2025-06-30 12:00 ==');
    const auditRows = lines.filter((line) => /^\s*\d+ {2}\d{4}-\d{2}-\d{2} /.test(line));
    expect(result.right).to.deep.include({ runId: 'EMBED01', store: 'memory', purchases: 3 });
    expect(result.right.verify).to.deep.include({ ok: true, events: auditRows.length, streams: 3 });
    expect(lines.every((line) => !line.includes('\n'))).to.equal(true);
  });

  it('stops with StoreUnavailable as a value at the first step when the store cannot be written', async () => {
    const store = inMemoryStore();
    await store.close();
    const lines: string[] = [];
    const result = await runDemo({ db: 'unused.db', store, out: (line) => lines.push(line), runId: 'CLOSED01' });
    expect(E.isLeft(result) ? { code: result.left.code, step: result.left.step } : 'ran').to.deep.equal({
      code: 'StoreUnavailable',
      step: 'buy-contoso-line-1',
    });
  });

  it('stops with StoreUnavailable at open-kek for a KEK file that is not 32 bytes of base64, never quoting it, writing nothing and closing the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-demo-kek-'));
    try {
      const kekPath = join(dir, 'bad.kek');
      writeFileSync(kekPath, 'not-a-key-s3cret\n');
      const store = inMemoryStore();
      const lines: string[] = [];
      const result = await runDemo({ db: 'unused.db', store, kekPath, out: (line) => lines.push(line), runId: 'BADKEK01' });
      if (E.isRight(result)) return expect.fail('the demo ran');
      expect({ code: result.left.code, step: result.left.step }).to.deep.equal({ code: 'StoreUnavailable', step: 'open-kek' });
      expect(result.left.message).to.match(/^key-encryption key: /).and.not.include('s3cret');
      expect(lines, 'nothing was played').to.deep.equal([]);
      expect(E.isLeft(await store.readAll({ after: 0, limit: 1 })), 'the store it was given is closed').to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
