import fc from 'fast-check';
import { untrustedStringArb } from './untrusted-strings.js';

/** Every string field of the story's commands that a run may replace with an untrusted string. */
export const STORY_FIELDS = [
  'purchase.commandId', 'purchase.userId', 'purchase.tenantId', 'purchase.role', 'purchase.partnerId', 'purchase.customerTenantId',
  'purchase.domain', 'purchase.orderId', 'purchase.subscriptionId', 'purchase.productId', 'purchase.skuId', 'purchase.title',
  'purchase.version', 'purchase.language', 'purchase.bitness', 'purchase.currency',
  'getKey.commandId', 'getKey.userId', 'getKey.role', 'getKey.subscriptionId', 'getKey.version', 'getKey.language', 'getKey.bitness',
  'download.commandId', 'download.userId', 'download.subscriptionId', 'download.version', 'download.language', 'download.bitness',
  'link.commandId', 'link.userId', 'link.subscriptionId', 'link.version', 'link.language', 'link.bitness',
  'request.commandId', 'request.userId', 'request.customerTenantId', 'request.domain', 'request.orderId', 'request.subscriptionId',
  'request.refundReason', 'request.currency', 'request.impact', 'request.title', 'request.contactName', 'request.email',
  'request.phone', 'request.attachment',
  'reject.commandId', 'reject.userId', 'reject.role', 'reject.subscriptionId', 'reject.ticketId', 'reject.reason',
  'complete.commandId', 'complete.userId', 'complete.subscriptionId', 'complete.ticketId',
] as const;

/** A string field of the story. */
export type StoryField = (typeof STORY_FIELDS)[number];

/** Every list of the story a run may make longer than allowed. */
export const STORY_LISTS = ['purchase.versions', 'purchase.languages', 'purchase.roles', 'getKey.roles', 'request.attachments', 'reject.roles'] as const;

/** A list of the story. */
export type StoryList = (typeof STORY_LISTS)[number];

/** What one run changes in the story: untrusted strings in some fields, oversized lists in some places. */
export interface StoryInput {
  readonly strings: Partial<Record<StoryField, string>>;
  readonly oversized: Partial<Record<StoryList, number>>;
}

/**
 * A run's story input: up to `maxStrings` fields (about one per command) hold an untrusted
 * string, so that most commands carry one and many are still accepted; now and then a list is
 * longer than allowed (up to a million items).
 */
export function storyInputArb(maxStrings = 16): fc.Arbitrary<StoryInput> {
  const strings = fc.array(fc.tuple(fc.constantFrom(...STORY_FIELDS), untrustedStringArb), { maxLength: maxStrings });
  const oversized = fc.array(fc.tuple(fc.constantFrom(...STORY_LISTS), fc.constantFrom(101, 1_000, 1_000_000)), { maxLength: 1 });
  return fc
    .record({ strings, oversized: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: oversized }) })
    .map(({ strings: s, oversized: o }) => ({
      strings: Object.fromEntries(s) as StoryInput['strings'],
      oversized: Object.fromEntries(o) as StoryInput['oversized'],
    }));
}

/** Fields whose text becomes a stream id, a key, a column or a link, or is matched against stored text. */
const KEY_FIELDS = new Set<StoryField>([
  'purchase.commandId', 'purchase.userId', 'purchase.role', 'purchase.orderId', 'purchase.subscriptionId', 'purchase.version', 'purchase.language',
  'getKey.subscriptionId', 'getKey.version', 'link.subscriptionId', 'request.orderId', 'request.subscriptionId', 'reject.ticketId', 'complete.ticketId',
]);

/** What the examples put in a field, in turn, besides: what no store holds, what drives terminals, what reorders or hides text. */
const SPIKES = ['\ud800', '\u0000', '\udc00', '\u001b[2J', '\u009b31m', '\u202eevil', '\u200b', '\u2028', '\ufeff', '\t', '\r\n'];

/** What every field may hold and still break a careless export: formulas after any list separator, markup, quotes. */
const MARKUP_AND_FORMULAS = `;=1+1,@SUM(A1) -2 <b>x</b> &amp; "q" 'a' \\`;

/** What free text may hold and still break a careless terminal, table or export: tabs, line breaks, bidi overrides, separators. */
const TEXT_HAZARDS = `x\t;=1\r\n-2 \u202eevil\u2066 \u2028 \u200b end`;

/** The free-text fields of the story. */
const TEXT_FIELDS = new Set<StoryField>(['purchase.title', 'request.refundReason', 'request.impact', 'request.title', 'request.contactName', 'reject.reason']);

/** The story's fields of each command but the purchase, by command, in the order of {@link STORY_FIELDS}. */
function fieldsAfterPurchase(): StoryField[][] {
  const byCommand = new Map<string, StoryField[]>();
  for (const field of STORY_FIELDS) {
    const command = field.slice(0, field.indexOf('.'));
    if (command !== 'purchase') byCommand.set(command, [...(byCommand.get(command) ?? []), field]);
  }
  return [...byCommand.values()];
}

/**
 * Stories every run of the property plays besides the random ones, so that each field meets
 * each kind of text at least once: text every field may hold (formulas, markup, quotes); a
 * character that must never slip through (the fields that become stream ids, keys or links
 * with both a lone surrogate and a NUL); free text with tabs, line breaks and bidi overrides;
 * and each list a million items long. A purchase field is tried alone (the other commands
 * need the purchase); the fields of the other commands, which do not depend on one another's
 * text, are tried one per command in the same story.
 */
export function storyExamples(): StoryInput[] {
  const examples: StoryInput[] = [];
  const texts = (field: StoryField, index: number): string[] => [
    `a${MARKUP_AND_FORMULAS}b`,
    ...(KEY_FIELDS.has(field) ? ['\ud800', '\u0000'] : [SPIKES[index % SPIKES.length] ?? '\u0000']).map((spike) => `a${spike}b`),
  ];
  const purchaseFields = STORY_FIELDS.filter((field) => field.startsWith('purchase.'));
  for (const [index, field] of purchaseFields.entries()) for (const text of texts(field, index)) examples.push({ strings: { [field]: text }, oversized: {} });
  const commands = fieldsAfterPurchase();
  const rounds = Math.max(...commands.map((fields) => fields.length));
  for (let round = 0; round < rounds; round += 1) {
    const inRound = commands.flatMap((fields) => (fields[round] === undefined ? [] : [fields[round] as StoryField]));
    const variants = Math.max(...inRound.map((field) => texts(field, round).length));
    for (let variant = 0; variant < variants; variant += 1) {
      const strings: Partial<Record<StoryField, string>> = {};
      for (const field of inRound) {
        const options = texts(field, round);
        strings[field] = options[Math.min(variant, options.length - 1)] ?? '';
      }
      examples.push({ strings, oversized: {} });
    }
  }
  examples.push({ strings: Object.fromEntries([...TEXT_FIELDS].map((field) => [field, TEXT_HAZARDS])), oversized: {} });
  for (const list of STORY_LISTS.filter((name) => name.startsWith('purchase.'))) examples.push({ strings: {}, oversized: { [list]: 1_000_000 } });
  examples.push({ strings: {}, oversized: Object.fromEntries(STORY_LISTS.filter((name) => !name.startsWith('purchase.')).map((list) => [list, 1_000_000])) });
  return examples;
}

/** The fixed parties of every story. */
export const STORY_PARTIES = {
  partner: 'a0a0a0a0-0000-4000-8000-000000000001',
  customer: 'c0c0c0c0-0000-4000-8000-00000000000a',
  domain: 'contoso.onmicrosoft.com',
  support: '5e5e5e5e-5555-4000-8000-000000000005',
} as const;

/** What the commands of one story need from the ones before it. */
export interface StoryContext {
  /** Unique in the store: keeps ids of different runs apart. */
  readonly run: string;
  /** The subscription id the purchase was sent with. */
  readonly subscriptionId: string;
  /** The first version and language the purchase offered (sent as it was). */
  readonly version: string;
  readonly language: string;
  /** The ticket the last accepted request opened, when one did. */
  readonly ticketId?: string;
}

/** Builds the story's commands from a run's input: untrusted strings where it says, valid values elsewhere. */
export class Story {
  constructor(private readonly input: StoryInput) {}

  /** The run's string for `field`, or `valid`. An untrusted id gets the run's suffix, so that runs never share one. */
  private text(field: StoryField, valid: string, context: { readonly run: string }, unique = false): string {
    const given = this.input.strings[field];
    if (given === undefined) return valid;
    return unique ? `${given}#${context.run}` : given;
  }

  private list(list: StoryList, valid: readonly string[], item: (index: number) => string): string[] {
    const length = this.input.oversized[list];
    return length === undefined ? [...valid] : Array.from({ length }, (_, index) => item(index));
  }

  private actor(command: 'purchase' | 'getKey' | 'download' | 'link' | 'request' | 'reject' | 'complete', run: string, tenantId: string, role: string) {
    const roleField = `${command}.role` as StoryField;
    const rolesList = `${command}.roles` as StoryList;
    const roles = (STORY_FIELDS as readonly string[]).includes(roleField) ? this.text(roleField, role, { run }) : role;
    return {
      userId: this.text(`${command}.userId` as StoryField, `${command}-user@${run}.example`, { run }),
      tenantId: command === 'purchase' ? this.text('purchase.tenantId', tenantId, { run }) : tenantId,
      roles: (STORY_LISTS as readonly string[]).includes(rolesList) ? this.list(rolesList, [roles], (i) => `Role${i}`) : [roles],
    };
  }

  /** The story's `PurchaseSoftware`. */
  purchase(run: string): Record<string, unknown> {
    const context = { run };
    return {
      type: 'PurchaseSoftware',
      commandId: this.text('purchase.commandId', `buy-${run}`, context, true),
      actor: this.actor('purchase', run, STORY_PARTIES.partner, 'AdminAgent'),
      partnerId: this.text('purchase.partnerId', STORY_PARTIES.partner, context),
      customer: { tenantId: this.text('purchase.customerTenantId', STORY_PARTIES.customer, context), domain: this.text('purchase.domain', STORY_PARTIES.domain, context) },
      orderId: this.text('purchase.orderId', `ORD-${run}`, context),
      subscriptionId: this.text('purchase.subscriptionId', `SUB-${run}`, context, true),
      product: {
        productId: this.text('purchase.productId', 'DG7GMGF0D3RK', context),
        skuId: this.text('purchase.skuId', '0002', context),
        title: this.text('purchase.title', 'Windows Server 2022 Standard', context),
        versions: this.list('purchase.versions', [this.text('purchase.version', '2022', context), '2019'], (i) => `v${i}`),
        languages: this.list('purchase.languages', [this.text('purchase.language', 'en-us', context), 'fr-fr'], (i) => `l${i}`),
        bitness: [this.text('purchase.bitness', '64-bit', context)],
      },
      quantity: 2,
      unitPrice: { amount: 10_000, currency: this.text('purchase.currency', 'USD', context) },
    };
  }

  /** The story's `GetKey`, `DownloadSoftware` or `CopyDownloadLink`. */
  onVariant(kind: 'getKey' | 'download' | 'link', context: StoryContext): Record<string, unknown> {
    const type = { getKey: 'GetKey', download: 'DownloadSoftware', link: 'CopyDownloadLink' }[kind];
    return {
      type,
      commandId: this.text(`${kind}.commandId`, `${kind}-${context.run}`, context, true),
      actor: this.actor(kind, context.run, STORY_PARTIES.partner, 'AdminAgent'),
      subscriptionId: this.text(`${kind}.subscriptionId`, context.subscriptionId, context),
      variant: {
        version: this.text(`${kind}.version`, context.version, context),
        language: this.text(`${kind}.language`, context.language, context),
        bitness: this.text(`${kind}.bitness`, '64-bit', context),
      },
    };
  }

  /** The story's `RequestCancellation`; `attempt` tells the first request from the one after a rejection. */
  request(context: StoryContext, attempt: number): Record<string, unknown> {
    return {
      type: 'RequestCancellation',
      commandId: this.text('request.commandId', `request-${attempt}-${context.run}`, { run: `${attempt}-${context.run}` }, true),
      actor: this.actor('request', context.run, STORY_PARTIES.partner, 'AdminAgent'),
      customer: { tenantId: this.text('request.customerTenantId', STORY_PARTIES.customer, context), domain: this.text('request.domain', STORY_PARTIES.domain, context) },
      orderId: this.text('request.orderId', `ORD-${context.run}`, context),
      subscriptionId: this.text('request.subscriptionId', context.subscriptionId, context),
      refundReason: this.text('request.refundReason', 'Ordered the wrong edition', context),
      requestedAmount: { amount: 5_000, currency: this.text('request.currency', 'USD', context) },
      impact: this.text('request.impact', 'Low', context),
      title: this.text('request.title', `Cancel ${context.run}`, context),
      contact: {
        name: this.text('request.contactName', 'Adele Vance', context),
        email: this.text('request.email', 'adele@partner.example', context),
        phone: this.text('request.phone', '+1 425 555 0100', context),
      },
      attachments: this.list('request.attachments', [this.text('request.attachment', 'invoice.pdf', context)], (i) => `file-${i}.pdf`),
    };
  }

  /** The story's `RejectCancellation` (after the first request) or `CompleteCancellation` (after the second). */
  decision(kind: 'reject' | 'complete', context: StoryContext): Record<string, unknown> {
    const common = {
      commandId: this.text(`${kind}.commandId`, `${kind}-${context.run}`, context, true),
      actor: this.actor(kind, context.run, STORY_PARTIES.support, 'Support'),
      subscriptionId: this.text(`${kind}.subscriptionId`, context.subscriptionId, context),
      ticketId: this.text(`${kind}.ticketId`, context.ticketId ?? `TKT-none-${context.run}`, context),
    };
    return kind === 'reject'
      ? { type: 'RejectCancellation', ...common, reason: this.text('reject.reason', 'The key was activated', context) }
      : { type: 'CompleteCancellation', ...common };
  }
}
