import { eventTypes } from '@csp-onprem/domain';
import { Type, type TProperties } from '@sinclair/typebox';
import { named } from './named.js';
import { CancellationPolicy, Customer, Identifier, Instant, Money, PositiveInteger, Product, TenantId, Variant } from './primitives.js';

// What a command answers, shaped for its caller: the ids, instants and amounts it needs, the
// product key only in a GetKey answer and the link only in a CopyDownloadLink answer, never the
// sealed key material, data-key ids or stream ids the log keeps for itself. A command id sent
// again answers with the same status and shape, `replayed: true`, and without the key or link
// (those are shown only with the event that records the showing).

const strict = { additionalProperties: false } as const;

/** One event a command wrote (or had written, for a replay). */
export const WrittenEvent = named(
  'WrittenEvent',
  Type.Object(
    { type: Type.Unsafe<string>({ type: 'string', enum: [...eventTypes] }), version: PositiveInteger, occurredAt: Instant },
    { ...strict, description: 'An event the command wrote: its type, its version in the purchase stream and when.' },
  ),
);

function answer<P extends TProperties>(type: string, name: string, fields: P, description: string) {
  return named(
    name,
    Type.Object(
      {
        type: Type.Literal(type),
        commandId: Identifier,
        replayed: Type.Boolean({ description: 'True when the command id was already applied: the earlier result, nothing written.' }),
        events: Type.Array(WrittenEvent),
        ...fields,
      },
      { ...strict, description },
    ),
  );
}

/** A key shown once, with its fingerprint; the key only beside the event that records the showing. */
const keyFields = {
  subscriptionId: Identifier,
  variant: Variant,
  fingerprint: Type.String({ description: '`sha256:` and 16 hex digits of the key: safe to store and show.' }),
  issued: Type.Boolean({ description: 'True when this command issued the key, false when it showed an issued key again.' }),
  productKey: Type.Optional(Type.String({ description: 'The product key, to show and copy. Absent on a replayed command id.' })),
};

/** Every command's answer, by type. */
export const answerSchemas = {
  PurchaseSoftware: answer(
    'PurchaseSoftware',
    'PurchaseAnswer',
    {
      subscriptionId: Identifier,
      orderId: Identifier,
      partnerId: TenantId,
      customer: Customer,
      product: Product,
      quantity: PositiveInteger,
      paid: Money,
      cancellationPolicy: CancellationPolicy,
      purchasedAt: Instant,
      cancellableUntil: Type.String({ format: 'date-time', description: 'The first instant a cancellation request is refused.' }),
    },
    'The purchase made.',
  ),
  GetKey: answer('GetKey', 'KeyAnswer', keyFields, 'The product key of a variant.'),
  DownloadSoftware: answer('DownloadSoftware', 'DownloadAnswer', { subscriptionId: Identifier, variant: Variant, downloadedAt: Instant }, 'The download, recorded.'),
  CopyDownloadLink: answer(
    'CopyDownloadLink',
    'LinkAnswer',
    {
      subscriptionId: Identifier,
      variant: Variant,
      linkFingerprint: Type.String(),
      linkHost: Type.String(),
      expiresAt: Instant,
      link: Type.Optional(
        Type.Object({ url: Type.String({ description: 'The download link, to send to the customer.' }), expiresAt: Instant }, { ...strict, description: 'Absent on a replayed command id.' }),
      ),
    },
    'A download link, copied and recorded (the log keeps its fingerprint, host and expiry).',
  ),
  RequestCancellation: answer(
    'RequestCancellation',
    'CancellationAnswer',
    { ticketId: Identifier, subscriptionId: Identifier, status: Type.Literal('open'), requestedAt: Instant, requestedAmount: Money },
    'The cancellation ticket opened; the support desk completes or rejects it by its id.',
  ),
  CompleteCancellation: answer(
    'CompleteCancellation',
    'CompletionAnswer',
    {
      ticketId: Identifier,
      subscriptionId: Identifier,
      credit: Money,
      creditPercent: Type.Integer({ minimum: 0, maximum: 100 }),
      revokedKeys: Type.Array(Type.Object({ variant: Variant, fingerprint: Type.String() }, strict)),
    },
    'The ticket completed: credit granted, every key of the purchase revoked.',
  ),
  RejectCancellation: answer('RejectCancellation', 'RejectionAnswer', { ticketId: Identifier, subscriptionId: Identifier, reason: Type.String() }, 'The ticket rejected: the purchase stays active.'),
} as const;

/** The answer of POST /v1/commands: the answer of the command's type. */
export const AnyAnswer = named('CommandAnswer', Type.Union(Object.values(answerSchemas)));
