import * as E from 'fp-ts/lib/Either.js';
import { readScope, ruleError } from '@csp-onprem/domain';
import type { EngineError } from '../engine-error.js';
import type { AuditEntry, AuditTrailProjection } from '../projections/audit-trail-projection.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import { checkInstant, checkTenant, decodeActor } from './query-input.js';

/** Which part of the audit trail to read. */
export interface AuditTrailOptions {
  /** Only this customer's purchases. Required for a GlobalAdmin. */
  readonly customerTenantId?: string;
  /** Only events at or after this instant. */
  readonly from?: Date;
  /** Only events at or before this instant. */
  readonly to?: Date;
}

/** Every event in global order with who did it, with which role, for which tenant, as the actor may see. */
export async function auditTrailQuery(
  runner: ProjectionRunner,
  audit: AuditTrailProjection,
  actorInput: unknown,
  options: AuditTrailOptions = {},
): Promise<E.Either<EngineError, AuditEntry[]>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  const tenant = options.customerTenantId === undefined ? E.right(undefined) : checkTenant(options.customerTenantId, 'customerTenantId');
  if (E.isLeft(tenant)) return tenant;
  const from = options.from === undefined ? E.right(undefined) : checkInstant(options.from, 'from');
  if (E.isLeft(from)) return from;
  const to = options.to === undefined ? E.right(undefined) : checkInstant(options.to, 'to');
  if (E.isLeft(to)) return to;
  const scope = readScope(actor.right, tenant.right);
  if (scope.kind === 'none') return E.left(ruleError('Forbidden', scope.why));
  const caughtUp = await runner.catchUp();
  if (E.isLeft(caughtUp)) return caughtUp;
  const fromMs = from.right?.getTime() ?? -Infinity;
  const toMs = to.right?.getTime() ?? Infinity;
  const wantedTenant = tenant.right?.toLowerCase();
  return E.right(
    audit.entries
      .filter((entry) => {
        if (wantedTenant !== undefined && entry.customerTenantId.toLowerCase() !== wantedTenant) return false;
        if (scope.kind === 'partner' && entry.partnerId !== scope.partnerId) return false;
        const at = Date.parse(entry.occurredAt);
        return at >= fromMs && at <= toMs;
      })
      .map((entry) => ({ ...entry, roles: [...entry.roles] })),
  );
}
