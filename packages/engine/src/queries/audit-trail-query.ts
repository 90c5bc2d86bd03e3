import * as E from 'fp-ts/lib/Either.js';
import { readScope, ruleError } from '@csp-onprem/domain';
import type { EngineError } from '../engine-error.js';
import { auditEntryOf, type AuditEntry, type AuditParties } from '../projections/audit-entry.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import { decodeStoredEvent, type RecordedEvent } from '../recorded-event.js';
import type { StoredEvent } from '../store/records.js';
import type { EventStore } from '../store/event-store.js';
import { storeUnavailable } from '../store/store-errors.js';
import { checkAsOf, checkTenant, decodeActor, isAtOrAfter, isAtOrBefore, readOptions, type AsOf } from './query-input.js';

/** Which part of the audit trail to read. */
export interface AuditTrailOptions {
  /** Only this customer's purchases. Required for a GlobalAdmin. */
  readonly customerTenantId?: string;
  /** Only events at or after this instant, or this global position. */
  readonly from?: AsOf;
  /** Only events at or before this instant, or this global position. */
  readonly to?: AsOf;
}

/** What an audit-trail query reads: the log itself (each purchase's parties from its own `Purchased` event), up to where the read models stand. */
export interface AuditTrailDeps {
  readonly store: EventStore;
  readonly runner: ProjectionRunner;
}

function undecodable(stored: StoredEvent, problem: string): EngineError {
  // An audit trail with a hole is worse than none: say where, and let verify tell the rest.
  return storeUnavailable(`audit trail`, `event at position ${stored.position} of ${stored.streamId} does not decode (run verify): ${problem}`);
}

const PAGE = 5000;

/**
 * Every event in global order with who did it, with which role, for which tenant, as the
 * actor may see. Read from the log itself, the parties of each purchase included, so it is
 * complete for any range after a restart and no saved document decides what it shows.
 */
export async function auditTrailQuery(deps: AuditTrailDeps, actorInput: unknown, options: AuditTrailOptions = {}): Promise<E.Either<EngineError, AuditEntry[]>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  const read = readOptions(options, ['customerTenantId', 'from', 'to']);
  if (E.isLeft(read)) return read;
  const given = read.right;
  const tenant = given.customerTenantId === undefined ? E.right(undefined) : checkTenant(given.customerTenantId, 'customerTenantId');
  if (E.isLeft(tenant)) return tenant;
  const from = given.from === undefined ? E.right(undefined) : checkAsOf(given.from, 'from');
  if (E.isLeft(from)) return from;
  const to = given.to === undefined ? E.right(undefined) : checkAsOf(given.to, 'to');
  if (E.isLeft(to)) return to;
  const scope = readScope(actor.right, tenant.right);
  if (scope.kind === 'none') return E.left(ruleError('Forbidden', scope.why));
  const caughtUp = await deps.runner.catchUp();
  if (E.isLeft(caughtUp)) return caughtUp;

  const entries: AuditEntry[] = [];
  // Each purchase's parties, from its own Purchased event as the log is read: never from a saved document.
  const partiesOf = new Map<string, AuditParties>();
  for (let after = 0; after < caughtUp.right; ) {
    const page = await deps.store.readAll({ after, limit: PAGE });
    if (E.isLeft(page)) return page;
    for (const stored of page.right) {
      after = stored.position;
      if (after > caughtUp.right) break;
      let decoded: E.Either<string, RecordedEvent> | undefined;
      if (stored.type === 'Purchased' && stored.version === 1) {
        decoded = decodeStoredEvent(stored);
        if (E.isLeft(decoded)) return E.left(undecodable(stored, decoded.left));
        const event = decoded.right;
        if (event.type === 'Purchased') {
          const { partnerId, customer, orderId, subscriptionId } = event.data;
          partiesOf.set(stored.streamId, { partnerId, customer, orderId, subscriptionId });
        }
      }
      const parties = partiesOf.get(stored.streamId);
      if (parties === undefined) continue;
      if (tenant.right !== undefined && parties.customer.tenantId.toLowerCase() !== tenant.right) continue;
      if (scope.kind === 'partner' && parties.partnerId !== scope.partnerId) continue;
      decoded ??= decodeStoredEvent(stored);
      if (E.isLeft(decoded)) return E.left(undecodable(stored, decoded.left));
      const inWindow = (from.right === undefined || isAtOrAfter(decoded.right, from.right)) && (to.right === undefined || isAtOrBefore(decoded.right, to.right));
      if (inWindow) entries.push(auditEntryOf(decoded.right, parties));
    }
    if (page.right.length < PAGE) break;
  }
  return E.right(entries);
}
