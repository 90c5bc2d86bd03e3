import * as E from 'fp-ts/lib/Either.js';
import {
  Actor,
  guarded,
  Identifier,
  invalidCommand,
  isObjectRecord,
  ownField,
  summarise,
  TenantId,
  threwWhenRead,
  toInvalidPaths,
  type InvalidCommandError,
} from '@csp-onprem/domain';

/** The `InvalidCommand` of one query argument: its path, what was expected, what was found. */
function invalidArgument(path: string, expected: string, found: string): E.Either<InvalidCommandError, never> {
  return E.left(invalidCommand([{ path, expected, found }]));
}

/**
 * Decodes the actor of a query; a bad actor is `InvalidCommand` naming `actor.<field>`. Total:
 * an actor whose getters or Proxy traps throw is refused like any other bad actor.
 */
export function decodeActor(input: unknown): E.Either<InvalidCommandError, Actor> {
  const decoded = guarded(() => Actor.decode(input));
  if (!decoded.ok) return invalidArgument('actor', Actor.name, threwWhenRead(decoded.thrown));
  if (E.isRight(decoded.value)) return decoded.value;
  return E.left(invalidCommand(toInvalidPaths(decoded.value.left).map((p) => ({ ...p, path: p.path ? `actor.${p.path}` : 'actor' }))));
}

/** Checks a tenant GUID given to a query and lower-cases it. */
export function checkTenant(tenantId: unknown, path: string): E.Either<InvalidCommandError, string> {
  return TenantId.is(tenantId) ? E.right(tenantId.toLowerCase()) : invalidArgument(path, 'tenant GUID', summarise(tenantId));
}

/** Checks a value given to a query is one of `allowed`. */
export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): E.Either<InvalidCommandError, T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? E.right(value as T) : invalidArgument(path, `one of ${allowed.join(', ')}`, summarise(value));
}

/** Checks an identifier given to a query (a subscription id): the rules of a command's identifiers. */
export function checkIdentifier(value: unknown, path: string): E.Either<InvalidCommandError, string> {
  const decoded = Identifier.decode(value);
  return E.isRight(decoded) ? decoded : E.left(invalidCommand(toInvalidPaths(decoded.left).map((p) => ({ ...p, path }))));
}

/**
 * Checks an optional instant given to a query and answers a copy of it. Total: a Proxy or a
 * Date subclass that throws is refused, and the copy never runs their code again.
 */
export function checkInstant(at: unknown, path: string): E.Either<InvalidCommandError, Date> {
  const time = guarded(() => (at instanceof Date ? Date.prototype.getTime.call(at) : undefined));
  if (!time.ok) return invalidArgument(path, 'a valid Date', threwWhenRead(time.thrown));
  if (time.value === undefined) return invalidArgument(path, 'a valid Date', typeof at);
  return Number.isNaN(time.value) ? invalidArgument(path, 'a valid Date', 'an invalid Date') : E.right(new Date(time.value));
}

/**
 * Reads the named fields of a query's options object once each, from its own properties, into
 * a new object; absent options are `{}`. Total: options that are not an object, or whose
 * getters or Proxy traps throw, are `InvalidCommand` naming `path` or `path.<field>`.
 */
export function readOptions<K extends string>(input: unknown, keys: readonly K[], path = 'options'): E.Either<InvalidCommandError, Partial<Record<K, unknown>>> {
  if (input === undefined) return E.right({});
  const isRecord = guarded(() => isObjectRecord(input));
  if (!isRecord.ok) return invalidArgument(path, 'an options object', threwWhenRead(isRecord.thrown));
  if (!isRecord.value) return invalidArgument(path, 'an options object', summarise(input));
  const options: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    const read = guarded(() => ownField(input as object, key));
    if (!read.ok) return invalidArgument(`${path}.${key}`, 'a value that can be read', threwWhenRead(read.thrown));
    if (read.value !== undefined) options[key] = read.value;
  }
  return E.right(options);
}

/** An instant or a global position: what "as of" can mean. */
export type AsOf = Date | number;

/** Checks an `asOf`: a valid Date or a position (integer >= 0). */
export function checkAsOf(asOf: unknown, path: string): E.Either<InvalidCommandError, AsOf> {
  if (typeof asOf === 'number') {
    return Number.isSafeInteger(asOf) && asOf >= 0
      ? E.right(asOf)
      : E.left(invalidCommand([{ path, expected: 'a global position (integer >= 0)', found: String(asOf) }]));
  }
  return checkInstant(asOf, path);
}

/**
 * The stream as it stood at `asOf`: its longest prefix of events at or before it. A prefix, not
 * a filter, so that writers whose clocks disagree can never make the past an impossible state.
 */
export function prefixAsOf<T extends { position: number; meta: { occurredAt: string } }>(events: readonly T[], asOf: AsOf): T[] {
  const end = events.findIndex((event) => !isAtOrBefore(event, asOf));
  return end < 0 ? [...events] : events.slice(0, end);
}

/** Whether an event falls at or after `from` (by its time, or by its position). */
export function isAtOrAfter(event: { position: number; meta: { occurredAt: string } }, from: AsOf): boolean {
  return typeof from === 'number' ? event.position >= from : Date.parse(event.meta.occurredAt) >= from.getTime();
}

/** Whether an event falls at or before `asOf` (by its time, or by its position). */
export function isAtOrBefore(event: { position: number; meta: { occurredAt: string } }, asOf: AsOf): boolean {
  return typeof asOf === 'number' ? event.position <= asOf : Date.parse(event.meta.occurredAt) <= asOf.getTime();
}
