/** What a progress line shows: events read so far and, when the end is known, how far along. */
export interface ProgressState {
  readonly label: string;
  readonly events: number;
  /** 0..1 when the end of the log is known, else undefined. */
  readonly fraction?: number;
  readonly elapsedMs: number;
}

const BAR_WIDTH = 24;

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `1:05` or `1:02:03`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * One line of progress, cut to `columns`:
 * `verify [#######.................]  29%  12,345 events  8,210 ev/s  0:04 left`, or without
 * bar, percentage and time left when the end is unknown.
 */
export function progressLine(state: ProgressState, columns: number): string {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.events / seconds : 0;
  const parts = [state.label];
  if (state.fraction !== undefined) {
    const fraction = Math.min(1, Math.max(0, state.fraction));
    const filled = Math.round(fraction * BAR_WIDTH);
    parts.push(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`, `${String(Math.floor(fraction * 100)).padStart(3)}%`);
  }
  parts.push(`${count(state.events)} events`);
  if (seconds >= 0.5) parts.push(`${count(rate)} ev/s`);
  if (state.fraction !== undefined && state.fraction > 0 && seconds >= 0.5) {
    const left = (state.elapsedMs * (1 - Math.min(1, state.fraction))) / state.fraction;
    parts.push(`${formatDuration(left)} left`);
  }
  return parts.join('  ').slice(0, Math.max(10, columns - 1));
}
