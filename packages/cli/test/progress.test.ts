import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { inMemoryStore, verifyStore, type EventStore } from '@csp-onprem/engine';
import { chainedRecords } from '@csp-onprem/testing';
import { lastPosition, progressBar, progressLine, withProgress, type ProgressStream } from '@csp-onprem/cli';
import { writeAuditStory } from './support/audit-story.js';

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(isTTY = true): ProgressStream & { readonly writes: string[] } {
  const writes: string[] = [];
  return {
    isTTY,
    columns: 100,
    writes,
    write(text: string) {
      writes.push(text);
      return true;
    },
  };
}

/** A clock that moves only when told. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000_000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('progress on a terminal', () => {
  it('shows the bar, percentage, events, rate and time left when the end of the log is known', () => {
    const line = progressLine({ label: 'verify', events: 25_000, fraction: 0.25, elapsedMs: 5_000 }, 120);
    expect(line).to.equal('verify  [######..................]   25%  25,000 events  5,000 ev/s  0:15 left');
  });

  it('shows events and rate only when the end is unknown, and fits the terminal width', () => {
    expect(progressLine({ label: 'export', events: 1234, elapsedMs: 2_000 }, 120)).to.equal('export  1,234 events  617 ev/s');
    expect(progressLine({ label: 'export', events: 1234, elapsedMs: 2_000 }, 20)).to.have.length(19);
  });

  it('redraws in place at most every interval and clears its line when finished', () => {
    const terminal = fakeTerminal();
    const clock = fakeClock();
    const bar = progressBar(terminal, { label: 'replay', lastPosition: 1000, now: clock.now, intervalMs: 100 });
    clock.advance(1000);
    bar.update({ events: 100, position: 100 });
    clock.advance(50);
    bar.update({ events: 150, position: 150 });
    clock.advance(50);
    bar.update({ events: 200, position: 200 });
    bar.finish();
    expect(terminal.writes).to.deep.equal([
      '\r\x1b[2Kreplay  [##......................]   10%  100 events  100 ev/s  0:09 left',
      '\r\x1b[2Kreplay  [#####...................]   20%  200 events  182 ev/s  0:04 left',
      '\r\x1b[2K',
    ]);
  });

  it('finds the position of the last event with a few one-event reads', async () => {
    const store = inMemoryStore();
    const limits: number[] = [];
    const counted: EventStore = {
      ...store,
      readAll: (options) => {
        limits.push(options.limit);
        return store.readAll(options);
      },
    };
    expect(await lastPosition(counted)).to.equal(undefined);
    await writeAuditStory(store);
    await store.appendToStream('csp-software-long', 0, chainedRecords('csp-software-long', 986));
    limits.length = 0;

    expect(await lastPosition(counted)).to.equal(1000);
    expect(limits.every((limit) => limit === 1), 'every read asks for one event').to.equal(true);
    expect(limits.length, 'about 2 x log2(1000) reads, not a scan').to.be.at.most(2 * Math.ceil(Math.log2(1000)) + 1);
  });

  it('draws while a real verify reads the log through the store, on a terminal only and never when quiet', async () => {
    const store = inMemoryStore();
    await writeAuditStory(store);
    const clock = fakeClock();
    const now = (): number => {
      clock.advance(200);
      return clock.now();
    };
    const terminal = fakeTerminal();
    const report = await withProgress({ stream: terminal, quiet: false, now }, store, 'verify', (s) => verifyStore(s));
    expect(E.isRight(report) && report.right.events).to.equal(14);
    expect(terminal.writes[0]).to.match(/^\r\x1b\[2Kverify {2}\[#{24}\] {2}100% {2}14 events/);
    expect(terminal.writes.at(-1)).to.equal('\r\x1b[2K');

    for (const [stream, quiet] of [
      [fakeTerminal(false), false],
      [fakeTerminal(true), true],
    ] as const) {
      const silent = await withProgress({ stream, quiet, now }, store, 'verify', (s) => verifyStore(s));
      expect(E.isRight(silent) && silent.right.ok).to.equal(true);
      expect(stream.writes).to.deep.equal([]);
    }
  });
});
