import { progressLine } from './progress-line.js';

/** Where progress is drawn: stderr, or a fake terminal in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

/** How far a long read has come. */
export interface ProgressUpdate {
  readonly events: number;
  /** The global position of the last event read. */
  readonly position: number;
}

/** A progress display for one long read. */
export interface Progress {
  update(done: ProgressUpdate): void;
  /** Removes the line, so that what follows starts on a clean line. */
  finish(): void;
}

/** Reports nothing: for --json, pipes and files. */
export const silentProgress: Progress = { update() {}, finish() {} };

/** The clock progress reads, in ms; injected so tests can move it. */
export type Milliseconds = () => number;

/** What a progress bar needs besides its stream. */
export interface ProgressOptions {
  readonly label: string;
  /** The position of the last event in the log, when known: the bar then shows how far along the read is. */
  readonly lastPosition?: number;
  readonly now?: Milliseconds;
  /** The least time between two redraws; default 100 ms. */
  readonly intervalMs?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

/** A progress bar redrawn in place on a terminal, at most every `intervalMs`. */
export function progressBar(stream: ProgressStream, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const interval = options.intervalMs ?? 100;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update({ events, position }) {
      const at = now();
      if (at - drawnAt < interval) return;
      drawnAt = at;
      const fraction = options.lastPosition === undefined || options.lastPosition <= 0 ? undefined : position / options.lastPosition;
      const line = progressLine({ label: options.label, events, elapsedMs: at - started, ...(fraction === undefined ? {} : { fraction }) }, stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80);
      stream.write(`${CLEAR_LINE}${line}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** Whether progress should be drawn on the stream: only on a terminal, and never when the output is JSON. */
export function showsProgress(stream: ProgressStream, quiet: boolean): boolean {
  return !quiet && stream.isTTY === true;
}
