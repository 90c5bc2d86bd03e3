import { expect } from 'chai';
import { positionsWords, type PositionsUsed } from '@csp-onprem/cli';
import { PositionRuns } from '../src/replay/position-runs.js';

/** The runs of a log whose events are at `positions`, each used or left out for the reason `labels` gives. */
function runsOf(events: readonly (readonly [number, string])[]): PositionsUsed {
  const runs = new PositionRuns();
  for (const [position, label] of events) runs.push(position, label);
  return runs.result();
}

describe('the exact set of events a replay used, in words', () => {
  it('names the events left out inside the span used, before it and after it, by reason', () => {
    const dated = 'dated after the instant';
    const later = 'recorded after position 41';
    const events: [number, string][] = [];
    for (let p = 1; p <= 45; p += 1) events.push([p, p === 17 || p === 33 ? dated : p > 41 ? later : p > 38 && p <= 41 ? dated : 'used']);
    const positions = runsOf(events);
    expect(positions.used).to.deep.equal([
      [1, 16],
      [18, 32],
      [34, 38],
    ]);
    expect(positionsWords(positions)).to.equal('events 1–38 except 17, 33 (dated after the instant); left out after 38: 39–41 (dated after the instant), 42–45 (recorded after position 41)');
  });

  it('counts a stretch of events as one run whatever gaps the positions have', () => {
    const positions = runsOf([
      [10, 'used'],
      [20, 'used'],
      [30, 'dated after the instant'],
      [50, 'used'],
    ]);
    expect(positions.used).to.deep.equal([
      [10, 20],
      [50, 50],
    ]);
    expect(positionsWords(positions)).to.equal('events 10–50 except 30 (dated after the instant)');
  });

  it('says when every event was used, when none was, and when the log is empty', () => {
    expect(positionsWords(runsOf([[1, 'used'], [2, 'used']]))).to.equal('events 1–2 (every event of the log)');
    expect(positionsWords(runsOf([[1, 'after the as-of position'], [2, 'after the as-of position']]))).to.equal('no event: left out 1–2 (after the as-of position)');
    expect(positionsWords(runsOf([]))).to.equal('no event (the log is empty)');
  });
});
