import { context, INVALID_SPAN_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { thrownKind } from '@csp-onprem/domain';
import { isFault } from './outcome.js';
import { AttributeNames } from './telemetry-names.js';

/**
 * Whether a span can be a parent: anything but the invalid context of a no-op span. A span an
 * SDK sampled out still can, so that its children are sampled out with it.
 */
export function canParent(span: Span): boolean {
  const spanContext = span.spanContext();
  return spanContext !== INVALID_SPAN_CONTEXT && trace.isSpanContextValid(spanContext);
}

/** Ends a span with an outcome: `ok`, or an error code whose status is ERROR when it is a fault. */
export function endWithOutcome(span: Span, outcome: string): void {
  span.setAttribute(AttributeNames.outcome, outcome);
  if (isFault(outcome)) {
    span.setAttribute(AttributeNames.errorType, outcome);
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
  }
  span.end();
}

/** What a span's or a metric's outcome says when the work threw instead of answering. */
export const THROWN_OUTCOME = 'exception';

/** Ends a span whose work threw: the thrown class only, never its message. */
export function endWithThrown(span: Span, thrown: unknown): void {
  // The class of what was thrown, never its message, which may quote anything.
  const type = thrownKind(thrown);
  span.setAttribute(AttributeNames.outcome, THROWN_OUTCOME);
  span.setAttribute(AttributeNames.errorType, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.end();
}

/** Whether spans started while a span's work runs may be its children; a store call has none, so it need not be made active. */
export type Children = 'children' | 'leaf';

/** Every span csp-onprem starts is internal work of the host's process. */
export const SPAN_OPTIONS = { kind: SpanKind.INTERNAL };

/**
 * Runs `run` inside a new span and answers what it answered; `outcome` reads the result into
 * the span's attributes and outcome, and `attributes` are built only for a span that records.
 * A span with `children` is the active span meanwhile (spans started within it, such as store
 * calls, become its children when the host registered a context manager); a `leaf` is not,
 * which saves entering a context per store call. Without an SDK the span is a no-op and `run`
 * is called as it is, with no promise of its own around it.
 */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: () => Attributes,
  run: () => Promise<T>,
  outcome: (span: Span, result: T) => string,
  children: Children = 'children',
): Promise<T> {
  const span = tracer.startSpan(name, SPAN_OPTIONS);
  const parent = children === 'children' && canParent(span);
  if (!span.isRecording() && !parent) {
    span.end();
    return run();
  }
  if (span.isRecording()) span.setAttributes(attributes());
  return traced(span, parent, run, outcome);
}

async function traced<T>(span: Span, parent: boolean, run: () => Promise<T>, outcome: (span: Span, result: T) => string): Promise<T> {
  let result: T;
  try {
    result = parent ? await context.with(trace.setSpan(context.active(), span), run) : await run();
  } catch (thrown) {
    endWithThrown(span, thrown);
    throw thrown;
  }
  if (span.isRecording()) endWithOutcome(span, outcome(span, result));
  else span.end();
  return result;
}
