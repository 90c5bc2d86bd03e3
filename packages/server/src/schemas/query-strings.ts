import { Type } from '@sinclair/typebox';
import { GUID_PATTERN, Identifier, TenantId } from './primitives.js';

const strict = { additionalProperties: false } as const;

/** An instant or a global position, as a query string gives it. */
const asOf = (description: string) =>
  Type.String({ maxLength: 40, pattern: '^(\\d{1,15}|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}))$', description: `${description} An ISO-8601 instant with its offset (2025-03-01T09:30:00Z) or a global position (a whole number).` });

/** The path of a customer's routes. */
export const CustomerPath = Type.Object({ tenantId: TenantId }, strict);
/** The path of a purchase's routes. */
export const PurchasePath = Type.Object({ subscriptionId: Identifier }, strict);
/** The path of a ticket's routes. */
export const TicketPath = Type.Object({ ticketId: Identifier }, strict);

/** GET /v1/customers/{tenantId}/software. */
export const SoftwareQuery = Type.Object({ asOf: Type.Optional(asOf('The list as it stood then; now when absent.')) }, strict);

/** GET /v1/purchases/{subscriptionId}/refund-eligibility. */
export const EligibilityQuery = Type.Object(
  {
    at: Type.Optional(asOf('Judge the purchase as of then; now when absent. For a position: the purchase once that event was written, at its instant.')),
    partnerId: Type.Optional(Type.String({ pattern: GUID_PATTERN, description: 'The selling partner, only when several partners sold this subscription id to customers the reader may see.' })),
  },
  strict,
);

/** GET /v1/audit-trail. */
export const AuditQuery = Type.Object(
  {
    customerTenantId: Type.Optional(TenantId),
    from: Type.Optional(asOf('Only events at or after this.')),
    to: Type.Optional(asOf('Only events at or before this.')),
  },
  strict,
);

/** GET /v1/tickets. */
export const TicketQuery = Type.Object(
  {
    status: Type.Optional(Type.Unsafe<'open' | 'completed' | 'rejected'>({ type: 'string', enum: ['open', 'completed', 'rejected'], description: 'The support desk\'s queue is `open`.' })),
    customerTenantId: Type.Optional(TenantId),
  },
  strict,
);
