import type * as E from 'fp-ts/lib/Either.js';
import type { RefundEligibility, SoftwareItem } from '@csp-onprem/domain';
import type { Executed, ExecuteOptions } from './command-handler.js';
import type { EngineError } from './engine-error.js';
import type { AuditEntry } from './projections/audit-entry.js';
import type { AuditTrailOptions } from './queries/audit-trail-query.js';
import type { RefundEligibilityOptions } from './queries/refund-eligibility-query.js';
import type { SoftwareListOptions } from './queries/software-list-query.js';
import type { TicketQueryOptions } from './queries/ticket-query.js';
import type { TicketView } from './projections/ticket-queue-projection.js';

/**
 * The engine acting as one actor, whom the platform's authentication vouched for
 * (`engine.as(actor)`). Every command and query runs as that actor and no other: a command
 * carries no `actor` of its own. An invalid actor answers `InvalidCommand` on `actor` at each use.
 */
export interface EngineSession {
  /**
   * Runs one command, given as untrusted input without an `actor` (one that has an `actor` is
   * refused, nothing written). A repeated command id returns the earlier result and writes
   * nothing (without a product key or link: those are shown only beside the event recording it).
   */
  execute(command: unknown, options?: ExecuteOptions): Promise<E.Either<EngineError, Executed>>;
  /** The customer's software list as this actor may see it, now or `asOf` an instant or global position. */
  softwareList(customerTenantId: string, options?: SoftwareListOptions): Promise<E.Either<EngineError, SoftwareItem[]>>;
  /**
   * Whether a purchase could be cancelled for credit `at` an instant, replayed as of it; or as
   * of a global position: the purchase once that event was written, judged at its instant;
   * without `at`, now by the engine's clock, the one its commands' windows are judged by. A
   * purchase this actor may not see answers `UnknownPurchase`, as one that does not exist.
   */
  refundEligibility(subscriptionId: string, at?: Date | number, options?: RefundEligibilityOptions): Promise<E.Either<EngineError, RefundEligibility>>;
  /** Who did what, with which role, for which tenant, when: as much of it as this actor may see. */
  auditTrail(options?: AuditTrailOptions): Promise<E.Either<EngineError, AuditEntry[]>>;
  /**
   * The cancellation tickets this actor may see, oldest request first, with every field of the
   * request: the support desk's queue is `tickets({ status: 'open' })`.
   */
  tickets(options?: TicketQueryOptions): Promise<E.Either<EngineError, TicketView[]>>;
}
