import { describeEvent } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import type { Projection } from './projection.js';
import type { SoftwareListProjection } from './software-list-projection.js';

/** One line of the audit trail: who did what, with which role, for which tenant, when. */
export interface AuditEntry {
  position: number;
  occurredAt: string;
  type: RecordedEvent['type'];
  summary: string;
  userId: string;
  actorTenantId: string;
  roles: string[];
  /** The role that authorized the action. */
  actingRole: string;
  partnerId: string;
  customerTenantId: string;
  customerDomain: string;
  orderId: string;
  subscriptionId: string;
  streamId: string;
  version: number;
  eventId: string;
  commandId: string;
}

/** Builds the audit entry of an event, given the parties of its purchase. */
export function auditEntryOf(event: RecordedEvent, parties: { partnerId: string; customer: { tenantId: string; domain: string }; orderId: string; subscriptionId: string }): AuditEntry {
  return {
    position: event.position,
    occurredAt: event.meta.occurredAt,
    type: event.type,
    summary: describeEvent(event),
    userId: event.meta.actor.userId,
    actorTenantId: event.meta.actor.tenantId,
    roles: [...event.meta.actor.roles],
    actingRole: event.meta.actingRole,
    partnerId: parties.partnerId,
    customerTenantId: parties.customer.tenantId,
    customerDomain: parties.customer.domain,
    orderId: parties.orderId,
    subscriptionId: parties.subscriptionId,
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    commandId: event.meta.commandId,
  };
}

/** The audit trail in global order. Runs after the software list, whose items name the parties. */
export class AuditTrailProjection implements Projection {
  readonly name = 'audit-trail';
  readonly entries: AuditEntry[] = [];

  constructor(private readonly softwareList: SoftwareListProjection) {}

  apply(event: RecordedEvent): void {
    const item = this.softwareList.items.get(event.streamId);
    if (item !== undefined) this.entries.push(auditEntryOf(event, item));
  }
}
