import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS, type Actor, type Product } from '@csp-onprem/domain';
import { createEngine, localKeyEncryptionKey, manualClock, storeKeyVault, type Engine, type EventStore, type KeyVault } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { executeAsActor } from '@csp-onprem/testing';

/** The tenants of the audit story (obviously made-up GUIDs). */
export const tenants = {
  partner: '11111111-1111-4111-8111-111111111111',
  contoso: '22222222-2222-4222-8222-222222222222',
  fabrikam: '33333333-3333-4333-8333-333333333333',
  support: '44444444-4444-4444-8444-444444444444',
} as const;

/** The partner's AdminAgent who acts throughout the story. */
export const partnerAdmin: Actor = { userId: 'megan@northwind.example', tenantId: tenants.partner, roles: ['AdminAgent'] };
const contosoAdmin: Actor = { userId: 'admin@contoso.example', tenantId: tenants.contoso, roles: ['GlobalAdmin'] };
const support: Actor = { userId: 'refunds@support.example', tenantId: tenants.support, roles: ['Support'] };

/** A title that must come out escaped in HTML and quoted in CSV. */
export const HOSTILE_TITLE = 'SQL Server 2019 Standard, <script>alert("pwned")</script> & more';

const sql: Product = { productId: 'SQL-2019', skuId: 'STD', title: HOSTILE_TITLE, versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] };
const windows: Product = { productId: 'WIN-2022', skuId: 'DC', title: 'Windows Server 2022 Datacenter', versions: ['2022'], languages: ['de-de'], bitness: ['64-bit'] };
/** The SQL Server variant the story keys. */
export const sqlVariant = { version: '2019', language: 'en-us', bitness: '64-bit' } as const;
const windowsVariant = { version: '2022', language: 'de-de', bitness: '64-bit' } as const;
const contact = { name: 'Megan Bowen', email: 'megan@northwind.example', phone: '+1 425 555 0100' };

/** Day 0 of the story, 09:00 UTC. */
export const STORY_START = new Date('2025-01-06T09:00:00.000Z');

/** An instant `day` days and `minutes` minutes after the start. */
export function storyDay(day: number, minutes = 0): Date {
  return new Date(STORY_START.getTime() + day * DAY_MS + minutes * 60_000);
}

/** The key-encryption key the story's engines wrap data keys with (a fixed test secret, never a real one). */
export const STORY_KEK = localKeyEncryptionKey(Buffer.alloc(32, 7));

/** What the story wrote: the plain keys it was shown (to prove no export holds them) and the store's vault (none for memory:). */
export interface AuditStory {
  readonly productKeys: string[];
  readonly vault?: KeyVault;
}

/**
 * Writes the audit story on a store with a real engine, one command per minute at least:
 * Contoso buys SQL Server (SUB-A1) and Windows Server (SUB-A2) on day 0; keys on day 1; the
 * SQL key seen again by Contoso's GlobalAdmin, downloaded and its link copied on day 2;
 * SUB-A2 cancelled on day 10 and completed on day 12 (key revoked); Fabrikam buys SQL Server
 * (SUB-B1) on day 20, gets its key on day 21, asks to cancel on day 25, rejected on day 27.
 * Closes nothing: the caller closes the store.
 */
export async function writeAuditStory(store: EventStore): Promise<AuditStory> {
  const clock = manualClock(STORY_START);
  const engine = createEngine({ store, clock: clock.now, keyEncryptionKey: STORY_KEK, persistProjections: false });
  const vault = store.dataKeys === undefined ? undefined : storeKeyVault(store.dataKeys, { keyEncryptionKey: STORY_KEK });
  const productKeys: string[] = [];
  let step = 0;
  const run = async (at: Date, actor: Actor, body: Record<string, unknown>): Promise<void> => {
    clock.set(at);
    step += 1;
    const result = await executeAsActor(engine, { ...body, actor, commandId: `story-${step}` });
    if (E.isLeft(result)) throw new Error(`story step ${step} (${String(body['type'])}) failed: ${result.left.code}: ${result.left.message}`);
    if (result.right.productKey !== undefined) productKeys.push(result.right.productKey);
  };
  const buy = (at: Date, customer: string, domain: string, orderId: string, subscriptionId: string, product: Product) =>
    run(at, partnerAdmin, {
      type: 'PurchaseSoftware',
      partnerId: tenants.partner,
      customer: { tenantId: customer, domain },
      orderId,
      subscriptionId,
      product,
      quantity: 2,
      unitPrice: { amount: 100_000, currency: 'USD' },
    });
  const cancel = (at: Date, customer: string, subscriptionId: string) =>
    run(at, partnerAdmin, {
      type: 'RequestCancellation',
      customer: { tenantId: customer },
      subscriptionId,
      refundReason: 'Ordered by mistake',
      requestedAmount: { amount: 200_000, currency: 'USD' },
      impact: 'Low',
      title: `Cancel ${subscriptionId}`,
      contact,
    });

  await buy(storyDay(0), tenants.contoso, 'contoso.example', 'ORD-A', 'SUB-A1', sql);
  await buy(storyDay(0, 1), tenants.contoso, 'contoso.example', 'ORD-A', 'SUB-A2', windows);
  await run(storyDay(1), partnerAdmin, { type: 'GetKey', subscriptionId: 'SUB-A1', variant: sqlVariant });
  await run(storyDay(1, 60), partnerAdmin, { type: 'GetKey', subscriptionId: 'SUB-A2', variant: windowsVariant });
  await run(storyDay(2), contosoAdmin, { type: 'GetKey', subscriptionId: 'SUB-A1', variant: sqlVariant });
  await run(storyDay(2, 5), partnerAdmin, { type: 'DownloadSoftware', subscriptionId: 'SUB-A1', variant: sqlVariant });
  await run(storyDay(2, 10), partnerAdmin, { type: 'CopyDownloadLink', subscriptionId: 'SUB-A1', variant: sqlVariant });
  await cancel(storyDay(10), tenants.contoso, 'SUB-A2');
  await run(storyDay(12), support, { type: 'CompleteCancellation', subscriptionId: 'SUB-A2', ticketId: await ticketOf(engine, 'SUB-A2') });
  await buy(storyDay(20), tenants.fabrikam, 'fabrikam.example', 'ORD-B', 'SUB-B1', sql);
  await run(storyDay(21), partnerAdmin, { type: 'GetKey', subscriptionId: 'SUB-B1', variant: sqlVariant });
  await cancel(storyDay(25), tenants.fabrikam, 'SUB-B1');
  await run(storyDay(27), support, { type: 'RejectCancellation', subscriptionId: 'SUB-B1', ticketId: await ticketOf(engine, 'SUB-B1'), reason: 'The key was activated' });
  return vault === undefined ? { productKeys } : { productKeys, vault };
}

/**
 * The ticket of the purchase's last cancellation request, as the software list shows it. On a
 * PostgreSQL server that other clients share, a request just appended gets its position (and
 * shows in read models) only once every older transaction on the server has ended: wait for it.
 */
async function ticketOf(engine: Engine, subscriptionId: string): Promise<string> {
  const actor: Actor = { userId: 'auditor@test', tenantId: tenants.support, roles: ['Auditor'] };
  const customers = [tenants.contoso, tenants.fabrikam];
  for (let attempt = 0; attempt < 100; attempt += 1) {
    for (const customer of customers) {
      const list = await engine.as(actor).softwareList(customer);
      if (E.isLeft(list)) throw new Error(list.left.message);
      const ticket = list.right.find((item) => item.subscriptionId === subscriptionId)?.cancellations.at(-1)?.ticketId;
      if (ticket !== undefined) return ticket;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ticket for ${subscriptionId}`);
}

/** Appends more events to an existing log: Fabrikam downloads on day 30. */
export async function appendMore(store: EventStore): Promise<void> {
  const clock = manualClock(storyDay(30));
  const engine = createEngine({ store, clock: clock.now, keyEncryptionKey: STORY_KEK, persistProjections: false });
  const result = await executeAsActor(engine, { type: 'DownloadSoftware', subscriptionId: 'SUB-B1', variant: sqlVariant, actor: partnerAdmin, commandId: 'more-1' });
  if (E.isLeft(result)) throw new Error(result.left.message);
}

/**
 * Appends, after the story, a cancellation request of SUB-A1 dated day 5: written late, but
 * dated within the past the story already recorded (SUB-A1's own last event is of day 2, so
 * the engine's clock rule lets it be). What a clock set back, or a platform rewriting the past,
 * leaves.
 */
export async function appendBackdatedCancellation(store: EventStore): Promise<void> {
  const clock = manualClock(storyDay(5));
  const engine = createEngine({ store, clock: clock.now, keyEncryptionKey: STORY_KEK, persistProjections: false });
  const result = await executeAsActor(engine, {
    type: 'RequestCancellation',
    actor: partnerAdmin,
    commandId: 'backdated-1',
    customer: { tenantId: tenants.contoso },
    subscriptionId: 'SUB-A1',
    refundReason: 'Ordered by mistake',
    requestedAmount: { amount: 200_000, currency: 'USD' },
    impact: 'Low',
    title: 'Cancel SUB-A1',
    contact,
  });
  if (E.isLeft(result)) throw new Error(result.left.message);
}

/** Appends `count` purchases of Windows Server for Fabrikam (`SUB-N1`, `SUB-N2`, ...) on day 40: a longer log. */
export async function appendPurchases(store: EventStore, count: number): Promise<void> {
  const clock = manualClock(storyDay(40));
  const engine = createEngine({ store, clock: clock.now, keyEncryptionKey: STORY_KEK, persistProjections: false });
  for (let i = 1; i <= count; i += 1) {
    const result = await executeAsActor(engine, {
      type: 'PurchaseSoftware',
      actor: partnerAdmin,
      commandId: `many-${i}`,
      partnerId: tenants.partner,
      customer: { tenantId: tenants.fabrikam, domain: 'fabrikam.example' },
      orderId: 'ORD-N',
      subscriptionId: `SUB-N${i}`,
      product: windows,
      quantity: 1,
      unitPrice: { amount: 50_000, currency: 'USD' },
    });
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
}

/** Writes the audit story into a new SQLite file at `path`, closed again after. */
export async function writeAuditStoryFile(path: string): Promise<void> {
  const store = sqliteStore({ path });
  try {
    await writeAuditStory(store);
  } finally {
    await store.close();
  }
}
