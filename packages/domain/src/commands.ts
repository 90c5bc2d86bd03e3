import * as t from 'io-ts';
import { Actor } from './codecs/actor.js';
import { boundedArray } from './codecs/bounded-array.js';
import { PositiveMoney, Money } from './codecs/money.js';
import { CancellationPolicy, Customer, Product } from './codecs/product.js';
import { constrained } from './codecs/constrained.js';
import { DomainName, Identifier, PhoneNumber, PositiveInteger, TenantId, Text } from './codecs/primitives.js';
import { struct, type Fields } from './codecs/struct.js';
import { inputTexts, storedTexts, type TextCodecs } from './codecs/text-sets.js';
import { Variant } from './codecs/variant.js';

/** The most file names a cancellation request may attach. */
export const MAX_ATTACHMENTS = 20;

function command<T extends string, R extends Fields, O extends Fields = Record<never, never>>(type: T, required: R, optional: O = {} as O) {
  return struct({ type: t.literal(type), commandId: Identifier, actor: Actor, ...required }, optional, type);
}

/** Buy one order line on behalf of a customer. */
export const PurchaseSoftware = command(
  'PurchaseSoftware',
  {
    partnerId: TenantId,
    customer: Customer,
    orderId: Identifier,
    subscriptionId: Identifier,
    product: Product,
    quantity: PositiveInteger,
    unitPrice: Money,
  },
  { cancellationPolicy: CancellationPolicy },
);
/** Buy one order line on behalf of a customer. */
export type PurchaseSoftware = t.TypeOf<typeof PurchaseSoftware>;

const variantOfSubscription = { subscriptionId: Identifier, variant: Variant };

/**
 * A customer's GlobalAdmin names a purchase by its subscription id; `partnerId`, the selling
 * partner, is needed only when the customer bought the same subscription id from two partners.
 */
const sellingPartner = { partnerId: TenantId };

/** Get (first time) or view again (later) the product key of a variant. */
export const GetKey = command('GetKey', variantOfSubscription, sellingPartner);
/** Get (first time) or view again (later) the product key of a variant. */
export type GetKey = t.TypeOf<typeof GetKey>;

/** Download the bits of a variant. */
export const DownloadSoftware = command('DownloadSoftware', variantOfSubscription, sellingPartner);
/** Download the bits of a variant. */
export type DownloadSoftware = t.TypeOf<typeof DownloadSoftware>;

/** Copy a download link of a variant to send to the customer. */
export const CopyDownloadLink = command('CopyDownloadLink', variantOfSubscription);
/** Copy a download link of a variant to send to the customer. */
export type CopyDownloadLink = t.TypeOf<typeof CopyDownloadLink>;

/** The customer reference of a cancellation ticket: the tenant GUID, the domain, or both. */
export const CustomerReference = constrained(
  struct({}, { tenantId: TenantId, domain: DomainName }, 'CustomerReference'),
  (c) => c.tenantId !== undefined || c.domain !== undefined,
  'customer reference with tenantId or domain',
);
/** The customer reference of a cancellation ticket: the tenant GUID, the domain, or both. */
export type CustomerReference = t.TypeOf<typeof CustomerReference>;

function contactOf(texts: TextCodecs) {
  return struct({ name: texts.text, email: texts.email, phone: PhoneNumber }, {}, 'Contact');
}

/** Who support calls back about a ticket. */
export const Contact = contactOf(inputTexts);
/** Who support calls back about a ticket. */
export type Contact = t.TypeOf<typeof Contact>;

/** A contact as stored events hold it (characters unchecked: see `storedTexts`). */
export const StoredContact = contactOf(storedTexts);

/** The business impact a partner states on a ticket. */
export const Impact = Text;

const requestCancellationFields = command(
  'RequestCancellation',
  {
    customer: CustomerReference,
    refundReason: Text,
    requestedAmount: PositiveMoney,
    impact: Impact,
    title: Text,
    contact: Contact,
  },
  {
    orderId: Identifier,
    subscriptionId: Identifier,
    attachments: boundedArray(Identifier, { minLength: 0, maxLength: MAX_ATTACHMENTS }, `at most ${MAX_ATTACHMENTS} file names`),
  },
);

/** Open a cancellation ticket (a support problem report) inside the cancellation window. */
export const RequestCancellation = constrained(
  requestCancellationFields,
  (c) => c.orderId !== undefined || c.subscriptionId !== undefined,
  'RequestCancellation with orderId or subscriptionId',
);
/** Open a cancellation ticket (a support problem report) inside the cancellation window. */
export type RequestCancellation = t.TypeOf<typeof RequestCancellation>;

/**
 * A ticket's purchase is found by the ticket id alone; a `subscriptionId` given beside it must
 * be the ticket's own.
 */
const ticketSubscription = { subscriptionId: Identifier };

/** Support completes a cancellation ticket: credit is granted and keys are revoked. */
export const CompleteCancellation = command('CompleteCancellation', { ticketId: Identifier }, ticketSubscription);
/** Support completes a cancellation ticket: credit is granted and keys are revoked. */
export type CompleteCancellation = t.TypeOf<typeof CompleteCancellation>;

/** Support rejects a cancellation ticket: the purchase stays active. */
export const RejectCancellation = command('RejectCancellation', { ticketId: Identifier, reason: Text }, ticketSubscription);
/** Support rejects a cancellation ticket: the purchase stays active. */
export type RejectCancellation = t.TypeOf<typeof RejectCancellation>;

/** Every command codec, by its `type`. */
export const commandCodecs = {
  PurchaseSoftware,
  GetKey,
  DownloadSoftware,
  CopyDownloadLink,
  RequestCancellation,
  CompleteCancellation,
  RejectCancellation,
} as const;

/** The `type` of a command. */
export type CommandType = keyof typeof commandCodecs;

/** Any command of the CSP software lifecycle. */
export type Command =
  | PurchaseSoftware
  | GetKey
  | DownloadSoftware
  | CopyDownloadLink
  | RequestCancellation
  | CompleteCancellation
  | RejectCancellation;

/** Every command type, in lifecycle order. */
export const commandTypes = Object.keys(commandCodecs) as CommandType[];
