import * as E from 'fp-ts/lib/Either.js';
import type { EngineError, Executed } from '@csp-onprem/engine';

/** An event a command reported as written. */
export interface AcknowledgedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly version: number;
}

/** What became of one command a writer issued, as the writer logs it. */
export interface CommandOutcome {
  readonly commandId: string;
  readonly type: string;
  readonly subscriptionId: string;
  readonly writer: number;
  /** Version conflicts the engine met (and retried, or returned) while running this command. */
  readonly conflicts: number;
  readonly result:
    | { readonly ok: true; readonly replayed: boolean; readonly events: readonly AcknowledgedEvent[] }
    | { readonly ok: false; readonly code: string };
}

/** The log line of a finished command. */
export function outcomeOf(
  command: { readonly commandId: string; readonly type: string; readonly subscriptionId: string },
  writer: number,
  conflicts: number,
  result: E.Either<EngineError, Executed>,
): CommandOutcome {
  const base = { commandId: command.commandId, type: command.type, subscriptionId: command.subscriptionId, writer, conflicts };
  if (E.isLeft(result)) return { ...base, result: { ok: false, code: result.left.code } };
  const events = result.right.events.map((event) => ({ eventId: event.eventId, type: event.type, version: event.version }));
  return { ...base, result: { ok: true, replayed: result.right.replayed, events } };
}
