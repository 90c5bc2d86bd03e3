import { describeEvent } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';

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

/** The tenants and ids of the purchase an event belongs to. */
export interface AuditParties {
  readonly partnerId: string;
  readonly customer: { readonly tenantId: string; readonly domain: string };
  readonly orderId: string;
  readonly subscriptionId: string;
}

/** Builds the audit entry of an event, given the parties of its purchase. */
export function auditEntryOf(event: RecordedEvent, parties: AuditParties): AuditEntry {
  return {
    position: event.position,
    occurredAt: event.meta.occurredAt,
    type: event.type,
    summary: describeEvent(event),
    userId: event.meta.actor.userId,
    actorTenantId: event.meta.actor.tenantId,
    roles: event.meta.actor.roles.slice(),
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
