import { DAY_MS } from '@csp-onprem/domain';

/** A time axis: the instants at its ends, in ms. */
export interface Axis {
  readonly start: number;
  readonly end: number;
}

/** A labelled tick of an axis, at `x` percent of its width. */
export interface Tick {
  readonly x: number;
  readonly label: string;
}

const STEPS_IN_DAYS = [1, 2, 7, 14, 30, 60, 90, 180, 365, 730];

/** An axis from the first to the last instant, with a little room on both sides. */
export function axisAround(instants: readonly number[]): Axis {
  const first = Math.min(...instants);
  const last = Math.max(...instants);
  const pad = Math.max((last - first) * 0.03, 3_600_000);
  return { start: first - pad, end: last + pad };
}

/** Where an instant falls on the axis, in percent of its width (clamped to 0..100). */
export function xOf(axis: Axis, instant: number): number {
  const x = ((instant - axis.start) / (axis.end - axis.start)) * 100;
  return Math.round(Math.min(100, Math.max(0, x)) * 100) / 100;
}

/** Day ticks at UTC midnight, a step of days chosen so that at most `most` fit. */
export function ticksOf(axis: Axis, most = 8): Tick[] {
  const spanDays = (axis.end - axis.start) / DAY_MS;
  const step = STEPS_IN_DAYS.find((days) => spanDays / days <= most) ?? Math.ceil(spanDays / most);
  const ticks: Tick[] = [];
  for (let day = Math.ceil(axis.start / DAY_MS); day * DAY_MS <= axis.end; day += step) {
    ticks.push({ x: xOf(axis, day * DAY_MS), label: new Date(day * DAY_MS).toISOString().slice(0, 10) });
  }
  return ticks;
}
