import {
  DEFAULT_CANCELLATION_POLICY,
  type Actor,
  type CompleteCancellation,
  type CopyDownloadLink,
  type DownloadSoftware,
  type EventOf,
  type GetKey,
  type Money,
  type Product,
  type PurchaseSoftware,
  type RejectCancellation,
  type RequestCancellation,
  type SealedKey,
  type Variant,
  CANCELLATION_ISSUE_TYPE,
  formatMoney,
  ticketIdFor,
} from '@csp-onprem/domain';

/** The instant `given` events occurred at, and `when` decides at, unless a test says otherwise. */
export const DEFAULT_INSTANT = new Date('2024-03-01T09:30:00.000Z');

/** Fixed tenant GUIDs: the selling partner, another partner, the customer, another customer, the refund desk. */
export const tenants = {
  sellingPartner: 'aaaaaaaa-1111-4000-8000-000000000001',
  otherPartner: 'aaaaaaaa-2222-4000-8000-000000000002',
  customer: 'cccccccc-1111-4000-8000-000000000001',
  otherCustomer: 'cccccccc-2222-4000-8000-000000000002',
  support: '55555555-1111-4000-8000-000000000001',
} as const;

/** The customer's domain and one that belongs to nobody in the fixtures. */
export const domains = { customer: 'contoso.onmicrosoft.com', other: 'fabrikam.onmicrosoft.com' } as const;

/** The order and subscription ids the default purchase uses. */
export const ids = { orderId: 'ORD-1001', subscriptionId: 'SUB-1001-1' } as const;

/** A product offering versions 2019 and 2016, languages en-us and de-de, 64-bit only. */
export const aProduct: Product = {
  productId: 'DG7GMGF0D3RK',
  skuId: '0002',
  title: 'Windows Server 2019 Standard - 16 Core License Pack',
  versions: ['2019', '2016'],
  languages: ['en-us', 'de-de'],
  bitness: ['64-bit'],
};

/** A variant the product offers. */
export const aVariant: Variant = { version: '2019', language: 'en-us', bitness: '64-bit' };
/** Another variant the product offers. */
export const anotherVariant: Variant = { version: '2016', language: 'de-de', bitness: '64-bit' };
/** A variant the product does not offer (32-bit). */
export const anUnofferedVariant: Variant = { version: '2019', language: 'en-us', bitness: '32-bit' };

/** The default unit price: 972.00 USD. */
export const aUnitPrice: Money = { amount: 97_200, currency: 'USD' };
/** The default quantity. */
export const aQuantity = 2;
/** What the default purchase paid: quantity x unit price. */
export const aPaidAmount: Money = { amount: aQuantity * aUnitPrice.amount, currency: 'USD' };

let commandCounter = 0;
/** A command id unique within this process, e.g. `cmd-get-key-7`; a test reuses one to model a retry. */
export function nextCommandId(prefix = 'cmd'): string {
  commandCounter += 1;
  return `${prefix}-${commandCounter}`;
}

/** An actor with the given roles in the given tenant. */
export function anActor(roles: readonly string[], tenantId: string, userId = `user-${roles[0] ?? 'none'}@${tenantId.slice(0, 8)}`): Actor {
  return { userId, tenantId, roles: [...roles] };
}

/** An `AdminAgent` of a partner tenant (the selling partner by default). */
export function partnerAdmin(tenantId: string = tenants.sellingPartner): Actor {
  return anActor(['AdminAgent'], tenantId, 'adele.admin@partner.example');
}

/** A `GlobalAdmin` of a customer tenant (the fixtures' customer by default). */
export function customerGlobalAdmin(tenantId: string = tenants.customer): Actor {
  return anActor(['GlobalAdmin'], tenantId, 'gary.global@contoso.example');
}

/** A `Support` agent of the refund desk. */
export function supportAgent(tenantId: string = tenants.support): Actor {
  return anActor(['Support'], tenantId, 'sam.support@refunds.example');
}

/** A valid `PurchaseSoftware`: the selling partner buys 2 x the product for the customer. */
export function aPurchase(overrides: Partial<PurchaseSoftware> = {}): PurchaseSoftware {
  return {
    type: 'PurchaseSoftware',
    commandId: nextCommandId('cmd-purchase'),
    actor: partnerAdmin(),
    partnerId: tenants.sellingPartner,
    customer: { tenantId: tenants.customer, domain: domains.customer },
    orderId: ids.orderId,
    subscriptionId: ids.subscriptionId,
    product: aProduct,
    quantity: aQuantity,
    unitPrice: aUnitPrice,
    ...overrides,
  };
}

/** A valid `GetKey` by the selling partner's AdminAgent for {@link aVariant}. */
export function aGetKey(overrides: Partial<GetKey> = {}): GetKey {
  return {
    type: 'GetKey',
    commandId: nextCommandId('cmd-get-key'),
    actor: partnerAdmin(),
    subscriptionId: ids.subscriptionId,
    variant: aVariant,
    ...overrides,
  };
}

/** A valid `DownloadSoftware` by the selling partner's AdminAgent for {@link aVariant}. */
export function aDownload(overrides: Partial<DownloadSoftware> = {}): DownloadSoftware {
  return {
    type: 'DownloadSoftware',
    commandId: nextCommandId('cmd-download'),
    actor: partnerAdmin(),
    subscriptionId: ids.subscriptionId,
    variant: aVariant,
    ...overrides,
  };
}

/** A valid `CopyDownloadLink` by the selling partner's AdminAgent for {@link aVariant}. */
export function aLinkCopy(overrides: Partial<CopyDownloadLink> = {}): CopyDownloadLink {
  return {
    type: 'CopyDownloadLink',
    commandId: nextCommandId('cmd-copy-link'),
    actor: partnerAdmin(),
    subscriptionId: ids.subscriptionId,
    variant: aVariant,
    ...overrides,
  };
}

/** A valid `RequestCancellation` of the whole default purchase, by tenant GUID and subscription id. */
export function aCancellationRequest(overrides: Partial<RequestCancellation> = {}): RequestCancellation {
  return {
    type: 'RequestCancellation',
    commandId: nextCommandId('cmd-request-cancellation'),
    actor: partnerAdmin(),
    customer: { tenantId: tenants.customer },
    subscriptionId: ids.subscriptionId,
    refundReason: 'Customer ordered the wrong edition',
    requestedAmount: aPaidAmount,
    impact: 'Customer cannot deploy the servers it planned',
    title: 'Cancel Windows Server order',
    contact: { name: 'Adele Admin', email: 'adele.admin@partner.example', phone: '+1 425 555 0100' },
    ...overrides,
  };
}

/** A valid `CompleteCancellation` by Support of the given ticket. */
export function aCompletion(ticketId: string, overrides: Partial<CompleteCancellation> = {}): CompleteCancellation {
  return {
    type: 'CompleteCancellation',
    commandId: nextCommandId('cmd-complete'),
    actor: supportAgent(),
    subscriptionId: ids.subscriptionId,
    ticketId,
    ...overrides,
  };
}

/** A valid `RejectCancellation` by Support of the given ticket. */
export function aRejection(ticketId: string, overrides: Partial<RejectCancellation> = {}): RejectCancellation {
  return {
    type: 'RejectCancellation',
    commandId: nextCommandId('cmd-reject'),
    actor: supportAgent(),
    subscriptionId: ids.subscriptionId,
    ticketId,
    reason: 'Software was already deployed',
    ...overrides,
  };
}

/** The ticket id the decider gives a request that becomes the stream's `version`-th event (of the selling partner's purchase by default). */
export function ticketIdAt(version: number, subscriptionId: string = ids.subscriptionId, partnerId: string = tenants.sellingPartner): string {
  return ticketIdFor(partnerId, subscriptionId, version);
}

/** A stand-in sealed key for `given` events; it seals nothing and is never opened by the decider. */
export function aSealedKey(label = 'fixture'): SealedKey {
  const base64 = Buffer.from(label, 'utf8').toString('base64');
  return { alg: 'A256GCM', keyId: tenants.customer, iv: 'AAAAAAAAAAAAAAAA', ciphertext: base64, tag: 'AAAAAAAAAAAAAAAAAAAAAA==' };
}

/** A fixed fingerprint per variant, shaped like the engine's (`sha256:` + 16 hex digits). */
export function aFingerprint(variant: Variant = aVariant): string {
  const hex = Buffer.from(`${variant.version}${variant.language}${variant.bitness}`).toString('hex').padEnd(16, '0');
  return `sha256:${hex.slice(0, 16)}`;
}

/** The `Purchased` event of the default purchase (or of `command`, if given). */
export function aPurchased(command: PurchaseSoftware = aPurchase()): EventOf<'Purchased'> {
  return {
    type: 'Purchased',
    data: {
      partnerId: command.partnerId,
      customer: command.customer,
      orderId: command.orderId,
      subscriptionId: command.subscriptionId,
      product: command.product,
      quantity: command.quantity,
      unitPrice: command.unitPrice,
      paid: { amount: command.quantity * command.unitPrice.amount, currency: command.unitPrice.currency },
      cancellationPolicy: command.cancellationPolicy ?? DEFAULT_CANCELLATION_POLICY,
    },
  };
}

/** A `KeyIssued` event for a variant, with a stand-in sealed key and {@link aFingerprint}. */
export function aKeyIssued(variant: Variant = aVariant): EventOf<'KeyIssued'> {
  return { type: 'KeyIssued', data: { variant, sealedKey: aSealedKey(variant.version), fingerprint: aFingerprint(variant) } };
}

/** What a `CancelRequested` fixture may differ in from the default request. */
export interface CancelRequestedOptions {
  readonly requestedAmount?: Money;
  readonly customer?: { readonly tenantId?: string; readonly domain?: string };
}

/**
 * The `CancelRequested` event the decider writes for {@link aCancellationRequest} (by subscription id),
 * with the given ticket id, amount and customer reference.
 */
export function aCancelRequested(ticketId: string, options: CancelRequestedOptions = {}): EventOf<'CancelRequested'> {
  const requestedAmount = options.requestedAmount ?? aPaidAmount;
  const customer = options.customer ?? { tenantId: tenants.customer };
  const request = aCancellationRequest();
  return {
    type: 'CancelRequested',
    data: {
      ticketId,
      issueType: CANCELLATION_ISSUE_TYPE,
      customer: { ...customer },
      subscriptionId: ids.subscriptionId,
      refundReason: request.refundReason,
      requestedAmount,
      impact: request.impact,
      title: request.title,
      description: [
        `Customer: ${[customer.tenantId, customer.domain].filter(Boolean).join(' / ')}`,
        `Reference: subscription ${ids.subscriptionId}`,
        `Refund reason: ${request.refundReason}`,
        `Requested amount: ${formatMoney(requestedAmount)}`,
      ].join('\n'),
      contact: request.contact,
      attachments: [],
    },
  };
}

/** A `CancelRejected` event for a ticket. */
export function aCancelRejected(ticketId: string, reason = 'Software was already deployed'): EventOf<'CancelRejected'> {
  return { type: 'CancelRejected', data: { ticketId, reason } };
}

/** A `CancelCompleted` event for a ticket at 100% credit of `requested`. */
export function aCancelCompleted(ticketId: string, requested: Money = aPaidAmount): EventOf<'CancelCompleted'> {
  return { type: 'CancelCompleted', data: { ticketId, credit: requested, creditPercent: 100 } };
}

/** A `KeyRevoked` event for a variant's fixture key. */
export function aKeyRevoked(ticketId: string, variant: Variant = aVariant): EventOf<'KeyRevoked'> {
  return { type: 'KeyRevoked', data: { variant, fingerprint: aFingerprint(variant), ticketId } };
}
