/** Where the engine reads the time: every rule uses this, never the wall clock itself. */
export type Clock = () => Date;

/** The system clock. */
export const systemClock: Clock = () => new Date();

/** A clock a test or a demo moves by hand. */
export interface ManualClock {
  readonly now: Clock;
  /** Moves the clock forward (or back, with a negative amount) by milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to an instant. */
  set(instant: Date): void;
}

/** A clock that stands still until it is moved. */
export function manualClock(start: Date): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(instant) {
      current = instant.getTime();
    },
  };
}
