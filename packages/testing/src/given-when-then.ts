import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import {
  authorizeRole,
  decide,
  decodeCommand,
  eventDataCodecs,
  evolveAll,
  initialState,
  toInvalidPaths,
  type Command,
  type Decision,
  type DomainError,
  type DomainEvent,
  type ErrorCode,
  type ProvidedKey,
  type ProvidedLink,
  type PurchaseState,
  type TimedEvent,
} from '@csp-onprem/domain';
import { DEFAULT_INSTANT } from './fixtures.js';

export * from './fixtures.js';

/**
 * A domain event handed to {@link given}. `occurredAt` (or `meta.occurredAt`, as recorded
 * events carry it) says when it happened; {@link DEFAULT_INSTANT} when absent.
 */
export type GivenEvent = DomainEvent & {
  readonly occurredAt?: Date | string;
  readonly meta?: { readonly occurredAt: string };
};

/** What `when` decides with besides the command: the clock reading and provided values. */
export interface WhenContext {
  /** The injected clock's reading; {@link DEFAULT_INSTANT} when absent. */
  readonly now?: Date;
  /** A sealed key, as the engine passes it after a `provide: productKey` decision. */
  readonly productKey?: ProvidedKey;
  /** A download link, as the engine passes it after a `provide: downloadLink` decision. */
  readonly downloadLink?: ProvidedLink;
}

/** An emitting decision. */
export type Emitted = Extract<Decision, { kind: 'emit' }>;
/** A decision that asks the handler for a value first. */
export type Needed = Extract<Decision, { kind: 'provide' }>;

/** The outcome of `when`, with assertions on it. */
export interface Then {
  /** The state the command was decided against. */
  readonly state: PurchaseState;
  /** What the decider answered (after decoding and the role check). */
  readonly result: E.Either<DomainError, Decision>;
  /** Asserts the command emits exactly these events, in order, each valid for its codec; returns the decision. */
  thenEmits(...expected: DomainEvent[]): Emitted;
  /** Asserts the command is refused with this error code and a readable message; returns the error. */
  thenFails(code: ErrorCode): DomainError;
  /** Asserts the decider asks the handler for a product key or a download link first; returns the decision. */
  thenNeeds(need: Needed['need']): Needed;
}

/** A purchase stream's history, ready for a command. */
export interface Given {
  /** The history, each event with its instant. */
  readonly events: readonly TimedEvent[];
  /** The history folded with `evolveAll`. */
  readonly state: PurchaseState;
  /** Decodes `input` as untrusted JSON, checks the actor's roles, then decides against the history. */
  when(input: unknown, context?: WhenContext): Then;
}

function instantOf(event: GivenEvent): string {
  if (event.occurredAt !== undefined) return new Date(event.occurredAt).toISOString();
  return event.meta?.occurredAt ?? DEFAULT_INSTANT.toISOString();
}

function timed(event: GivenEvent): TimedEvent {
  return { type: event.type, data: event.data, meta: { occurredAt: instantOf(event) } } as TimedEvent;
}

function describeResult(result: E.Either<DomainError, Decision>): string {
  if (E.isLeft(result)) return `it failed with ${result.left.code}: ${result.left.message}`;
  const decision = result.right;
  return decision.kind === 'emit'
    ? `it emitted [${decision.events.map((event) => event.type).join(', ')}]`
    : `it asked for ${decision.need}`;
}

function expectValidData(event: DomainEvent): void {
  const codec = eventDataCodecs[event.type] as t.Decoder<unknown, unknown>;
  const decoded = codec.decode(event.data);
  if (E.isLeft(decoded)) {
    const paths = toInvalidPaths(decoded.left).map((p) => `${p.path || '(data)'}: expected ${p.expected}`);
    expect.fail(`the decider emitted a ${event.type} whose data would not decode: ${paths.join('; ')}`);
  }
}

function decideInput(state: PurchaseState, input: unknown, context: WhenContext): E.Either<DomainError, Decision> {
  const decoded = decodeCommand(input);
  if (E.isLeft(decoded)) return decoded;
  const command: Command = decoded.right;
  const allowed = authorizeRole(command.type, command.actor);
  if (E.isLeft(allowed)) return allowed;
  return decide(command, state, { ...context, now: context.now ?? DEFAULT_INSTANT });
}

function then(state: PurchaseState, result: E.Either<DomainError, Decision>): Then {
  return {
    state,
    result,
    thenEmits(...expected) {
      if (E.isLeft(result) || result.right.kind !== 'emit') {
        return expect.fail(`expected the command to emit [${expected.map((e) => e.type).join(', ')}], but ${describeResult(result)}`);
      }
      const emitted = result.right;
      expect(emitted.events.map((e) => e.type), 'emitted event types').to.deep.equal(expected.map((e) => e.type));
      expect(emitted.events, 'emitted events').to.deep.equal(expected);
      emitted.events.forEach(expectValidData);
      return emitted;
    },
    thenFails(code) {
      if (E.isRight(result) || result.left.code !== code) {
        return expect.fail(`expected the command to fail with ${code}, but ${describeResult(result)}`);
      }
      expect(result.left.message, `the ${code} message`).to.be.a('string').that.is.not.empty;
      return result.left;
    },
    thenNeeds(need) {
      if (E.isLeft(result) || result.right.kind !== 'provide' || result.right.need !== need) {
        return expect.fail(`expected the decider to ask for ${need}, but ${describeResult(result)}`);
      }
      return result.right;
    },
  };
}

/**
 * Starts a decider test from a purchase stream's history: `given(...events).when(command).thenEmits(...)`.
 * Pure: no store, no clock, no I/O. With no events, the stream is new.
 */
export function given(...history: GivenEvent[]): Given {
  const events = history.map(timed);
  const state = evolveAll(initialState, events);
  return {
    events,
    state,
    when: (input, context = {}) => then(state, decideInput(state, input, context)),
  };
}
