import { DAY_MS, type Actor } from '@csp-onprem/domain';
import type { Engine, EventStore, ManualClock } from '@csp-onprem/engine';
import { formatInstant } from '../render/format.js';
import type { RunIds } from './run-ids.js';

/** Where the demo writes its output, one line at a time. */
export type OutputSink = (line: string) => void;

/** Everything a step of the story needs. */
export interface DemoContext {
  readonly engine: Engine;
  readonly store: EventStore;
  readonly clock: ManualClock;
  /** Day 0 of the story. */
  readonly start: Date;
  readonly ids: RunIds;
  readonly out: OutputSink;
}

/** Moves the story's clock to `minutes` past day `day` (day 0 is the start). */
export function moveTo(ctx: DemoContext, day: number, minutes = 0): void {
  ctx.clock.set(new Date(ctx.start.getTime() + day * DAY_MS + minutes * 60_000));
}

/** Prints one line of narration: the story's day and time, who acted, and what happened. */
export function narrate(ctx: DemoContext, actor: Actor, what: string): void {
  const now = ctx.clock.now();
  const day = Math.floor((now.getTime() - ctx.start.getTime()) / DAY_MS);
  ctx.out(`day ${String(day).padStart(2)}  ${formatInstant(now)}  ${actor.roles.join(',')} ${actor.userId}: ${what}`);
}

/** Prints a section heading. */
export function heading(ctx: DemoContext, title: string): void {
  ctx.out('');
  ctx.out(`== ${title} ==`);
}

/** Prints lines, such as a rendered table. */
export function print(ctx: DemoContext, lines: readonly string[]): void {
  for (const line of lines) ctx.out(line);
}
