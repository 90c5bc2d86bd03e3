/** A run of consecutive events of the log, by the positions of its first and last event. */
export type PositionRun = readonly [first: number, last: number];

/** Which events a replay used and which it left out, and why: the exact set, as runs. */
export interface PositionsUsed {
  /** The events used, as runs of consecutive events of the log. */
  readonly used: readonly PositionRun[];
  /** The events left out, by reason ("dated after the instant", "recorded after position 41"). */
  readonly leftOut: readonly { readonly reason: string; readonly positions: readonly PositionRun[] }[];
}

/**
 * Records, event by event in global order, whether a replay used it or why it left it out,
 * as runs of consecutive events (so that a log of a million events is described in a few
 * runs, not a million positions). Positions with no event (a store's sequence may skip some)
 * do not break a run: a run is a stretch of the log's own events.
 */
export class PositionRuns {
  private readonly runs: { label: string; first: number; last: number }[] = [];

  /** The event at `position` was used (`label` 'used') or left out for the reason `label`. */
  push(position: number, label: string): void {
    const last = this.runs[this.runs.length - 1];
    if (last !== undefined && last.label === label) last.last = position;
    else this.runs.push({ label, first: position, last: position });
  }

  /** The runs, used and left out by reason. */
  result(): PositionsUsed {
    const used = this.runs.filter((run) => run.label === 'used').map((run): PositionRun => [run.first, run.last]);
    const reasons = [...new Set(this.runs.filter((run) => run.label !== 'used').map((run) => run.label))];
    const leftOut = reasons.map((reason) => ({ reason, positions: this.runs.filter((run) => run.label === reason).map((run): PositionRun => [run.first, run.last]) }));
    return { used, leftOut };
  }
}

/** A run of positions as a header shows it: `7`, or `3–9`. */
export const runText = ([first, last]: PositionRun): string => (first === last ? String(first) : `${first}–${last}`);

/**
 * The exact set of events a replay used, in words: "events 1–41 except 17, 33 (dated after
 * the instant); left out after 41: 42–60 (dated after the instant)".
 */
export function positionsWords(positions: PositionsUsed): string {
  const first = positions.used[0]?.[0];
  const last = positions.used[positions.used.length - 1]?.[1];
  const inside = (run: PositionRun) => first !== undefined && last !== undefined && run[0] > first && run[1] < last;
  const groups = (select: (run: PositionRun) => boolean) =>
    positions.leftOut
      .map(({ reason, positions: runs }) => ({ reason, runs: runs.filter(select) }))
      .filter((group) => group.runs.length > 0)
      .map((group) => `${group.runs.map(runText).join(', ')} (${group.reason})`);
  if (first === undefined || last === undefined) {
    const all = groups(() => true);
    return all.length === 0 ? 'no event (the log is empty)' : `no event: left out ${all.join('; ')}`;
  }
  const except = groups(inside);
  const before = groups((run) => run[1] < first);
  const after = groups((run) => run[0] > last);
  const parts = [`events ${runText([first, last])}${except.length === 0 ? '' : ` except ${except.join('; ')}`}`];
  if (before.length > 0) parts.push(`left out before ${first}: ${before.join(', ')}`);
  if (after.length > 0) parts.push(`left out after ${last}: ${after.join(', ')}`);
  if (except.length === 0 && before.length === 0 && after.length === 0) parts[0] += ' (every event of the log)';
  return parts.join('; ');
}
