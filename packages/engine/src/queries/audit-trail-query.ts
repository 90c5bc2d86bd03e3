import * as E from 'fp-ts/lib/Either.js';
import { readScope, ruleError } from '@csp-onprem/domain';
import type { EngineError } from '../engine-error.js';
import { auditEntryOf, type AuditEntry } from '../projections/audit-entry.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import type { SoftwareListProjection } from '../projections/software-list-projection.js';
import { decodeStoredEvent } from '../recorded-event.js';
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

/** What an audit-trail query reads: the log itself, and the software list for each purchase's parties. */
export interface AuditTrailDeps {
  readonly store: EventStore;
  readonly runner: ProjectionRunner;
  readonly softwareList: SoftwareListProjection;
}

const PAGE = 5000;

/**
 * Every event in global order with who did it, with which role, for which tenant, as the
 * actor may see. Read from the log itself, so it is complete for any range after a restart.
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
  for (let after = 0; after < caughtUp.right; ) {
    const page = await deps.store.readAll({ after, limit: PAGE });
    if (E.isLeft(page)) return page;
    for (const stored of page.right) {
      after = stored.position;
      if (after > caughtUp.right) break;
      const parties = deps.softwareList.items.get(stored.streamId);
      if (parties === undefined) continue;
      if (tenant.right !== undefined && parties.customer.tenantId.toLowerCase() !== tenant.right) continue;
      if (scope.kind === 'partner' && parties.partnerId !== scope.partnerId) continue;
      const decoded = decodeStoredEvent(stored);
      if (E.isLeft(decoded)) {
        // An audit trail with a hole is worse than none: say where, and let verify tell the rest.
        return E.left(storeUnavailable(`audit trail`, `event at position ${stored.position} of ${stored.streamId} does not decode (run verify): ${decoded.left}`));
      }
      const inWindow = (from.right === undefined || isAtOrAfter(decoded.right, from.right)) && (to.right === undefined || isAtOrBefore(decoded.right, to.right));
      if (inWindow) entries.push(auditEntryOf(decoded.right, parties));
    }
    if (page.right.length < PAGE) break;
  }
  return E.right(entries);
}
