import * as E from 'fp-ts/lib/Either.js';
import { Actor, invalidCommand, TenantId, toInvalidPaths, type InvalidCommandError } from '@csp-onprem/domain';

/** Decodes the actor of a query; a bad actor is `InvalidCommand` naming `actor.<field>`. */
export function decodeActor(input: unknown): E.Either<InvalidCommandError, Actor> {
  const decoded = Actor.decode(input);
  if (E.isRight(decoded)) return decoded;
  return E.left(invalidCommand(toInvalidPaths(decoded.left).map((p) => ({ ...p, path: p.path ? `actor.${p.path}` : 'actor' }))));
}

/** Checks a tenant GUID given to a query. */
export function checkTenant(tenantId: unknown, path: string): E.Either<InvalidCommandError, string> {
  return TenantId.is(tenantId)
    ? E.right(tenantId.toLowerCase())
    : E.left(invalidCommand([{ path, expected: 'tenant GUID', found: typeof tenantId === 'string' ? JSON.stringify(tenantId) : typeof tenantId }]));
}

/** Checks an optional instant given to a query. */
export function checkInstant(at: unknown, path: string): E.Either<InvalidCommandError, Date> {
  return at instanceof Date && !Number.isNaN(at.getTime())
    ? E.right(at)
    : E.left(invalidCommand([{ path, expected: 'a valid Date', found: at instanceof Date ? 'an invalid Date' : typeof at }]));
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
