import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type * as E from 'fp-ts/lib/Either.js';
import type { StoreUnavailableError } from '../store/store-errors.js';
import type { VerifyReport } from '../verify.js';
import { inSpan } from './active-span.js';
import { outcomeOf } from './outcome.js';
import { AttributeNames, SpanNames } from './telemetry-names.js';

/** What a verify span's outcome says when the log does not hold: the first bad event's problem is beside it. */
export const BROKEN_OUTCOME = 'broken';

/** What a verify span's outcome says when the log holds but a saved read model differs from its fold. */
export const READ_MODEL_MISMATCH_OUTCOME = 'read-model-mismatch';

/**
 * Runs `verify` inside a `verify` span (its pages of the global order are children): the events
 * and streams checked, the position reached, and for a log that does not hold, the problem of
 * the first bad event, with an ERROR status; a read model that differs from the log's fold is
 * its own outcome. Never the event's contents.
 */
export function tracedVerify(
  tracer: Tracer,
  storeName: string,
  verify: () => Promise<E.Either<StoreUnavailableError, VerifyReport>>,
): Promise<E.Either<StoreUnavailableError, VerifyReport>> {
  return inSpan(tracer, SpanNames.verify, () => ({ [AttributeNames.storeName]: storeName }), verify, (span, verified) => {
    if (verified._tag === 'Left') return outcomeOf(verified);
    const report = verified.right;
    span.setAttributes({ [AttributeNames.eventsRead]: report.events, [AttributeNames.streams]: report.streams, [AttributeNames.position]: report.position });
    if (report.firstFailure === undefined) return report.ok ? 'ok' : READ_MODEL_MISMATCH_OUTCOME;
    span.setAttribute(AttributeNames.verifyProblem, report.firstFailure.problem);
    span.setAttribute(AttributeNames.errorType, report.firstFailure.problem);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `the log does not verify: ${report.firstFailure.problem}` });
    return BROKEN_OUTCOME;
  });
}
