import { expect } from 'chai';
import type { StoredEvent } from '@csp-onprem/engine';
import { purchaseSpecs } from './catalog.js';
import { acknowledgementProblems, conflictFigures, streamVersionProblems } from './log-checks.js';
import type { CommandOutcome } from './outcomes.js';
import { sampleRun } from './sample-run.js';
import { decodeAll } from './whole-log.js';

// The concurrency proof is only as sharp as its checks: each one must name a broken log.
describe('The concurrency proof checks', function () {
  let records: StoredEvent[] = [];
  let outcomes: CommandOutcome[] = [];

  before(async function () {
    const spec = purchaseSpecs(1, 'CHECK')[0];
    if (spec === undefined) throw new Error('no purchase spec');
    ({ records, outcomes } = await sampleRun(spec));
  });

  it('find nothing wrong with an intact log and its writer log', function () {
    expect(records).to.have.length(8);
    expect(streamVersionProblems(records)).to.deep.equal([]);
    expect(acknowledgementProblems(decodeAll(records), outcomes)).to.deep.equal([]);
  });

  it('name a lost stream version and a duplicated one', function () {
    const [first, second, ...rest] = records;
    if (first === undefined || second === undefined) throw new Error('sample too short');
    const stream = second.streamId;
    expect(streamVersionProblems([first, ...rest])[0], 'the lost version').to.equal(`${stream}: version 2 expected, found 3 (a version lost or duplicated)`);
    expect(streamVersionProblems([first, second, { ...second, eventId: 'another-id' }, ...rest])[0], 'the duplicated version').to.equal(
      `${stream}: version 3 expected, found 2 (a version lost or duplicated)`,
    );
    expect(streamVersionProblems([first, second, second, ...rest]).join('\n')).to.include(`event id ${second.eventId} appears twice`);
  });

  it('name an acknowledged event missing from the log, an event nobody issued, and a refused command that wrote', function () {
    const events = decodeAll(records);
    expect(acknowledgementProblems(events.slice(1), outcomes).join('\n')).to.include('sample-purchase (PurchaseSoftware) acknowledged');
    expect(acknowledgementProblems(events, outcomes.slice(1)).join('\n')).to.include('of command sample-purchase, which no writer issued');
    const refusedDownload = outcomes.map((outcome): CommandOutcome =>
      outcome.commandId === 'sample-download' ? { ...outcome, result: { ok: false, code: 'VersionConflict' } } : outcome,
    );
    expect(acknowledgementProblems(events, refusedDownload).join('\n')).to.include('sample-download (DownloadSoftware) answered VersionConflict but wrote 1 event(s)');
  });

  it('count conflicts retried to success and refuse a VersionConflict returned before the retries ran out', function () {
    const [purchase, download] = outcomes;
    if (purchase === undefined || download === undefined) throw new Error('sample too short');
    const retried = { ...purchase, conflicts: 2 };
    const gaveUp: CommandOutcome = { ...download, conflicts: 4, result: { ok: false, code: 'VersionConflict' } };
    expect(conflictFigures([retried, gaveUp], 3)).to.deep.equal({ conflictsMet: 6, retriedToSuccess: 1, retriedToRefusal: 0, returnedVersionConflict: 1 });
    expect(() => conflictFigures([{ ...gaveUp, conflicts: 1 }], 3)).to.throw('after 1 conflicts');
  });
});
