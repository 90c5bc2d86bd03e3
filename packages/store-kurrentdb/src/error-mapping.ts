import {
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@kurrent/kurrentdb-client';
import { storeUnavailable, valueRefused, versionConflict, type StoreError, type StoreUnavailableError } from '@csp-onprem/engine';
import { versionOfStreamState } from './revisions.js';
import { redact } from './store-name.js';

/** Whether a read failed because its stream does not exist (which a reader takes as empty). */
export function isStreamNotFound(cause: unknown): boolean {
  return cause instanceof StreamNotFoundError || (typeof cause === 'object' && cause !== null && (cause as { type?: unknown }).type === 'stream-not-found');
}

/** Where an error happened: the store's name, what it was doing, and secrets to keep out of the message. */
export interface ErrorContext {
  readonly store: string;
  /** What the store was doing, such as `appending to csp-software-1`. */
  readonly action: string;
  /** Text never to repeat in a message (the connection string's password). */
  readonly secrets?: readonly string[];
}

/** The stream and version an append expected, to build a `VersionConflict` from. */
export interface AppendExpectation {
  readonly streamId: string;
  readonly expectedVersion: number;
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const UNREACHABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'cancelled', 'not-leader']);

function normalized(cause: unknown): unknown {
  // The client converts raw gRPC errors (status 14, 4, ...) into its own classes.
  return cause instanceof Error ? convertToCommandError(cause) : cause;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Whether `cause` says the server could not be reached or did not answer in time (the
 * client's Unavailable, DeadlineExceeded, Timeout, Cancelled and NotLeader errors, gRPC status
 * 14 or 4, network errors, failed discovery), as opposed to a server that answered with a refusal.
 */
export function isUnreachable(cause: unknown): boolean {
  const error = normalized(cause);
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  const type = field(error, 'type');
  if (typeof type === 'string' && UNREACHABLE_TYPES.has(type)) return true;
  const code = field(error, 'code');
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const message = field(error, 'message');
  return typeof message === 'string' && /failed to discover|no connection established|ECONNREFUSED/i.test(message);
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const name = cause.constructor.name === 'Error' ? cause.name : cause.constructor.name;
  const message = cause.message.trim();
  return message === '' || message === name ? name : `${name}: ${message}`;
}

/** A `StoreUnavailable` for anything a KurrentDB call threw, saying whether the server was unreachable or refused. */
export function toStoreUnavailable(cause: unknown, context: ErrorContext): StoreUnavailableError {
  const error = normalized(cause);
  const reason = isUnreachable(error)
    ? `KurrentDB is unreachable or did not answer in time (${describe(error)})`
    : `KurrentDB failed the call (${describe(error)})`;
  return storeUnavailable(`${context.store}: ${context.action}`, redact(reason, context.secrets ?? []));
}

const REFUSED_TYPES: Readonly<Record<string, string>> = {
  'invalid-argument': 'a value KurrentDB calls an invalid argument',
  'maximum-append-size-exceeded': 'events larger than KurrentDB appends at once',
  'append-record-size-exceeded': 'an event larger than KurrentDB keeps',
};

/** What KurrentDB refused in the records of an append, in words, or `undefined` when `cause` is no such refusal. */
function refusedValue(error: unknown): string | undefined {
  if (error instanceof InvalidArgumentError) return REFUSED_TYPES['invalid-argument'];
  if (error instanceof MaxAppendSizeExceededError) return REFUSED_TYPES['maximum-append-size-exceeded'];
  const type = field(error, 'type');
  return typeof type === 'string' ? REFUSED_TYPES[type] : undefined;
}

/**
 * The store error for anything an append threw: `WrongExpectedVersionError` is a
 * `VersionConflict` at our 1-based versions (the expected one as asked, the actual one from
 * the stream state KurrentDB reported); a refusal of the records themselves (an invalid
 * argument, an append or a record too large) is a refused value, `InvalidCommand` naming
 * `events`; everything else is `StoreUnavailable`.
 */
export function toAppendError(cause: unknown, append: AppendExpectation, context: ErrorContext): StoreError {
  const error = normalized(cause);
  const isWrongVersion = error instanceof WrongExpectedVersionError || field(error, 'type') === 'wrong-expected-version';
  if (isWrongVersion) {
    const actualVersion = versionOfStreamState(field(error, 'actualState'));
    if (actualVersion !== undefined) return versionConflict(append.streamId, append.expectedVersion, actualVersion);
  }
  const refused = refusedValue(error);
  if (refused !== undefined) return valueRefused(context.store, 'events', 'values KurrentDB can store', refused);
  return toStoreUnavailable(error, context);
}
