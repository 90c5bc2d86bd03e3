import { MAX_ATTACHMENTS, MAX_ID_LENGTH } from '@csp-onprem/domain';
import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import { named } from './named.js';
import { CancellationPolicy, Contact, Customer, CustomerReference, DomainName, Identifier, Money, PositiveInteger, PositiveMoney, Product, TenantId, Text, Variant } from './primitives.js';

// The fields of each command, defined once: POST /v1/commands takes them with `type` and
// `commandId`; each resource route takes them less what its path names. No body carries an
// actor: the actor is built from the bearer token, and a body naming one is refused.

const strict = { additionalProperties: false } as const;

const commandId = Identifier;
const idempotent = { commandId: Type.Optional(Identifier) };

const purchaseFields = {
  partnerId: TenantId,
  customer: Customer,
  orderId: Identifier,
  subscriptionId: Identifier,
  product: Product,
  quantity: PositiveInteger,
  unitPrice: Money,
  cancellationPolicy: Type.Optional(CancellationPolicy),
};

const variantFields = { subscriptionId: Identifier, variant: Variant };
const sellingPartner = { partnerId: Type.Optional(TenantId) };

const cancellationFields = {
  customer: CustomerReference,
  orderId: Type.Optional(Identifier),
  subscriptionId: Type.Optional(Identifier),
  refundReason: Text,
  requestedAmount: PositiveMoney,
  impact: Text,
  title: Text,
  contact: Contact,
  attachments: Type.Optional(Type.Array(Identifier, { maxItems: MAX_ATTACHMENTS })),
};

/** A request must name the order or the subscription. */
const orderOrSubscription = { anyOf: [{ type: 'object', required: ['orderId'] }, { type: 'object', required: ['subscriptionId'] }] };

function command(type: string, fields: TProperties, extra: object = {}): TObject {
  const properties: TProperties = { type: Type.Literal(type), commandId, ...fields };
  return named(`${type}Command`, Type.Object(properties, { ...strict, ...extra }));
}

/** Every command as POST /v1/commands takes it, by type. */
export const commandSchemas = {
  PurchaseSoftware: command('PurchaseSoftware', purchaseFields),
  GetKey: command('GetKey', { ...variantFields, ...sellingPartner }),
  DownloadSoftware: command('DownloadSoftware', { ...variantFields, ...sellingPartner }),
  CopyDownloadLink: command('CopyDownloadLink', variantFields),
  RequestCancellation: command('RequestCancellation', cancellationFields, orderOrSubscription),
  CompleteCancellation: command('CompleteCancellation', { ticketId: Identifier, subscriptionId: Type.Optional(Identifier) }),
  RejectCancellation: command('RejectCancellation', { ticketId: Identifier, reason: Text, subscriptionId: Type.Optional(Identifier) }),
} as const;

/** The body of POST /v1/commands: one command, told apart by `type`. */
export const AnyCommand = named(
  'Command',
  Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    oneOf: Object.values(commandSchemas),
    discriminator: { propertyName: 'type' },
    description: 'A command exactly as in the JSON contract of DOMAIN.md, without `actor`: the actor is the bearer token\'s.',
  }),
);

/** POST /v1/customers/{tenantId}/purchases: the customer's tenant is in the path; the partner defaults to the token's tenant. */
export const PurchaseBody = named(
  'PurchaseBody',
  Type.Object(
    { ...idempotent, ...purchaseFields, partnerId: Type.Optional(TenantId), customer: Type.Object({ domain: DomainName }, strict) },
    strict,
  ),
);

/** POST /v1/purchases/{subscriptionId}/keys and /downloads: the variant (and the selling partner, when a customer bought the id twice). */
export const VariantBody = named('VariantBody', Type.Object({ ...idempotent, variant: Variant, ...sellingPartner }, strict));

/** POST /v1/purchases/{subscriptionId}/links: the variant. */
export const LinkBody = named('LinkBody', Type.Object({ ...idempotent, variant: Variant }, strict));

/** POST /v1/cancellations: the whole ticket. */
export const CancellationBody = named('CancellationBody', Type.Object({ ...idempotent, ...cancellationFields }, { ...strict, ...orderOrSubscription }));

/** POST /v1/cancellations/{ticketId}/complete. */
export const CompleteBody = named('CompleteBody', Type.Object({ ...idempotent }, strict));

/** POST /v1/cancellations/{ticketId}/reject: why. */
export const RejectBody = named('RejectBody', Type.Object({ ...idempotent, reason: Text }, strict));

/** The `Idempotency-Key` header a resource route takes instead of a `commandId` in its body. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH, pattern: '\\S', description: 'The command id, when the body gives none: a retry with the same key writes nothing and answers as the first time did.' }),
  ),
});
