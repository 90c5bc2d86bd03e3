import { eventTypes } from '@csp-onprem/domain';
import { Type, type TSchema } from '@sinclair/typebox';
import { named } from './named.js';
import { CancellationPolicy, Contact, Customer, CustomerReference, Identifier, Instant, Money, NonNegativeInteger, PositiveInteger, Product, TenantId, Variant } from './primitives.js';

const strict = { additionalProperties: false } as const;
/**
 * The schema, or null: as a type list (`["string", "null"]`), which the serialiser writes
 * directly, where an `anyOf` would make it validate each value to pick a branch (ten times the
 * cost of a list). A named schema's copy drops its name, since it is no longer that schema.
 */
function nullable<T extends TSchema>(schema: T) {
  const { title: _name, ...rest } = schema as unknown as { title?: string; type: string };
  return Type.Unsafe<T['static'] | null>({ ...rest, type: [rest.type, 'null'] });
}

/** A product key as the software list shows it: never the key, nor the id of the data key that sealed it. */
export const KeyView = named(
  'KeyView',
  Type.Object(
    {
      variant: Variant,
      fingerprint: Type.String(),
      issuedAt: Instant,
      revoked: Type.Boolean(),
      revokedAt: nullable(Instant),
      views: NonNegativeInteger,
      shredded: Type.Boolean({ description: "True once the tenant's data key was destroyed: the key can never be shown again." }),
    },
    strict,
  ),
);

/** One cancellation of a purchase and how it ended. */
export const CancellationView = named(
  'CancellationView',
  Type.Object(
    {
      ticketId: Identifier,
      requestedAt: Instant,
      requestedAmount: Money,
      refundReason: Type.String(),
      outcome: Type.Unsafe<string>({ type: 'string', enum: ['pending', 'completed', 'rejected'] }),
      decidedAt: nullable(Instant),
      credit: nullable(Money),
      rejectionReason: nullable(Type.String()),
    },
    strict,
  ),
);

/** One purchase as the customer's Software page lists it. */
export const SoftwareItem = named(
  'SoftwareItem',
  Type.Object(
    {
      subscriptionId: Identifier,
      orderId: Identifier,
      partnerId: TenantId,
      customer: Customer,
      product: Product,
      quantity: PositiveInteger,
      unitPrice: Money,
      paid: Money,
      purchasedAt: Instant,
      status: Type.Unsafe<string>({ type: 'string', enum: ['active', 'cancellation-pending', 'cancelled'] }),
      cancellationPolicy: CancellationPolicy,
      cancellableUntil: Instant,
      keys: Type.Array(KeyView),
      downloads: NonNegativeInteger,
      linkCopies: NonNegativeInteger,
      downloadLinksOffered: Type.Boolean(),
      cancellations: Type.Array(CancellationView),
      lastActivityAt: Instant,
    },
    strict,
  ),
);

/** GET /v1/customers/{tenantId}/software. */
export const SoftwareList = named(
  'SoftwareList',
  Type.Object({ customerTenantId: TenantId, asOf: Type.Optional(Type.String({ description: 'The instant or position asked for, as given.' })), items: Type.Array(SoftwareItem) }, strict),
);

/** Whether a purchase could be cancelled for credit at an instant. */
export const RefundEligibility = named(
  'RefundEligibility',
  Type.Object(
    {
      subscriptionId: Identifier,
      at: Instant,
      eligible: Type.Boolean(),
      reason: Type.Unsafe<string>({ type: 'string', enum: ['within-window', 'window-elapsed', 'cancellation-pending', 'already-cancelled'] }),
      deadline: Instant,
      daysLeft: NonNegativeInteger,
      creditPercent: Type.Integer({ minimum: 0, maximum: 100 }),
      refundableAmount: Money,
      paid: Money,
    },
    strict,
  ),
);

/** One line of the audit trail: who did what, with which role, for which tenant, when. */
export const AuditEntry = named(
  'AuditEntry',
  Type.Object(
    {
      position: PositiveInteger,
      occurredAt: Instant,
      type: Type.Unsafe<string>({ type: 'string', enum: [...eventTypes] }),
      summary: Type.String(),
      userId: Type.String(),
      actorTenantId: TenantId,
      roles: Type.Array(Type.String()),
      actingRole: Type.String(),
      partnerId: TenantId,
      customerTenantId: TenantId,
      customerDomain: Type.String(),
      orderId: Identifier,
      subscriptionId: Identifier,
      streamId: Type.String(),
      version: PositiveInteger,
      eventId: Type.String(),
      commandId: Type.String(),
    },
    strict,
  ),
);

/** GET /v1/audit-trail. */
export const AuditTrail = named('AuditTrail', Type.Object({ entries: Type.Array(AuditEntry) }, strict));

const party = Type.Object({ userId: Type.String(), tenantId: TenantId }, strict);

/** One cancellation ticket as the support desk works it. */
export const Ticket = named(
  'Ticket',
  Type.Object(
    {
      ticketId: Identifier,
      status: Type.Unsafe<string>({ type: 'string', enum: ['open', 'completed', 'rejected'] }),
      issueType: Type.String(),
      subscriptionId: Identifier,
      orderId: Identifier,
      partnerId: TenantId,
      customerTenantId: TenantId,
      customer: CustomerReference,
      reference: Type.Object({ orderId: Type.Optional(Identifier), subscriptionId: Type.Optional(Identifier) }, strict),
      refundReason: Type.String(),
      requestedAmount: Money,
      impact: Type.String(),
      title: Type.String(),
      description: Type.String(),
      contact: Contact,
      attachments: Type.Array(Type.String()),
      requestedAt: Instant,
      requestedBy: party,
      decidedAt: nullable(Instant),
      decidedBy: nullable(party),
      credit: nullable(Money),
      creditPercent: nullable(Type.Integer({ minimum: 0, maximum: 100 })),
      rejectionReason: nullable(Type.String()),
    },
    strict,
  ),
);

/** GET /v1/tickets. */
export const TicketList = named('TicketList', Type.Object({ tickets: Type.Array(Ticket) }, strict));

/** GET /v1/me: the actor the bearer token stands for, after the service's role rules. */
export const Me = named(
  'Me',
  Type.Object({ userId: Type.String(), tenantId: TenantId, roles: Type.Array(Type.String(), { description: 'The roles honoured for this tenant (others the token named are left out).' }) }, strict),
);
