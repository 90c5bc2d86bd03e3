import { expect } from 'chai';
import type { RecordedEvent } from '@csp-onprem/engine';
import { purchaseSpecs } from '../concurrency/catalog.js';
import { sampleRun } from '../concurrency/sample-run.js';
import { decodeAll } from '../concurrency/whole-log.js';
import { halfWrittenCommands } from './command-completeness.js';

// The crash proof is only as sharp as this check: it must name every half-written command.
describe('The half-written command check', function () {
  let events: RecordedEvent[] = [];

  before(async function () {
    const spec = purchaseSpecs(1, 'HALF')[0];
    if (spec === undefined) throw new Error('no purchase spec');
    events = decodeAll((await sampleRun(spec)).records);
  });

  it('accepts whole commands, a cancellation completed with one KeyRevoked per issued key included', function () {
    expect(events.map((event) => event.type)).to.include.members(['CancelCompleted', 'KeyRevoked']);
    expect(halfWrittenCommands(events)).to.deep.equal([]);
  });

  it('names a CompleteCancellation that lost one of its KeyRevoked events', function () {
    const lastRevoked = events.map((event) => event.type).lastIndexOf('KeyRevoked');
    const cut = events.filter((_, index) => index !== lastRevoked);
    expect(halfWrittenCommands(cut)).to.deep.equal([
      'sample-complete (CompleteCancellation) wrote [CancelCompleted, KeyRevoked] for 2 issued key(s): a CompleteCancellation is 1 CancelCompleted + 1 KeyRevoked per key',
    ]);
  });

  it('names a single-event command that wrote two events', function () {
    const download = events.find((event) => event.type === 'Downloaded');
    if (download === undefined) throw new Error('no download in the sample');
    const doubled = [...events, { ...download, eventId: 'extra', version: events.length + 1 }];
    expect(halfWrittenCommands(doubled).join('\n')).to.include('sample-download (DownloadSoftware)');
  });
});
