import { context, trace, type Attributes } from '@opentelemetry/api';
import type * as E from 'fp-ts/lib/Either.js';
import { canParent, endWithOutcome, endWithThrown, SPAN_OPTIONS, THROWN_OUTCOME } from './active-span.js';
import type { EngineTelemetry } from './engine-telemetry.js';
import { outcomeOf } from './outcome.js';
import { AttributeNames, SpanNames } from './telemetry-names.js';

/** What the command handler notes about a command while it runs, for its span and metrics. */
export interface CommandNotes {
  /** The command's type, once known. */
  type?: string;
  commandId?: string;
  streamId?: string;
  /** Appends refused for a version conflict. */
  conflicts: number;
  /** Times the command was decided again after one. */
  retries: number;
}

/** How a command ended: `replayed` for a repeated command id, else `ok` or the error code. */
function commandOutcome(result: E.Either<{ readonly code: string }, { readonly replayed: boolean }>): string {
  return result._tag === 'Right' && result.right.replayed ? 'replayed' : outcomeOf(result);
}

/** The attributes of a command's metrics: its type (when it decoded) and outcome; never ids. */
function metricAttributes(notes: CommandNotes, outcome: string): Attributes {
  return notes.type === undefined ? { [AttributeNames.outcome]: outcome } : { [AttributeNames.commandType]: notes.type, [AttributeNames.outcome]: outcome };
}

function record(telemetry: EngineTelemetry, notes: CommandNotes, outcome: string, startedMs: number): void {
  const attributes = metricAttributes(notes, outcome);
  telemetry.commands.add(1, attributes);
  telemetry.commandDuration.record((performance.now() - startedMs) / 1000, attributes);
  if (notes.conflicts > 0) telemetry.versionConflicts.add(notes.conflicts, notes.type === undefined ? {} : { [AttributeNames.commandType]: notes.type });
}

/**
 * Runs one command inside an `execute` span (the active span meanwhile, so that store calls
 * are its children) and records its count, duration and version conflicts. `run` fills in
 * the notes as it learns the command's type, id and stream.
 */
export async function observeCommand<R extends E.Either<{ readonly code: string }, { readonly replayed: boolean }>>(
  telemetry: EngineTelemetry,
  run: (notes: CommandNotes) => Promise<R>,
): Promise<R> {
  const startedMs = performance.now();
  const notes: CommandNotes = { conflicts: 0, retries: 0 };
  const span = telemetry.tracer.startSpan(SpanNames.execute, SPAN_OPTIONS);
  let result: R;
  try {
    result = canParent(span) ? await context.with(trace.setSpan(context.active(), span), run, undefined, notes) : await run(notes);
  } catch (thrown) {
    record(telemetry, notes, THROWN_OUTCOME, startedMs);
    endWithThrown(span, thrown);
    throw thrown;
  }
  const outcome = commandOutcome(result);
  record(telemetry, notes, outcome, startedMs);
  if (span.isRecording()) {
    span.setAttributes({
      [AttributeNames.commandType]: notes.type,
      [AttributeNames.commandId]: notes.commandId,
      [AttributeNames.streamId]: notes.streamId,
      [AttributeNames.retries]: notes.retries,
    });
    endWithOutcome(span, outcome);
  } else span.end();
  return result;
}
