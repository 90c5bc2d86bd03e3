import { createHash } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '@csp-onprem/domain';
import { createEngine, inMemoryStore, manualClock, type Engine, type EngineError, type EventStore, type Executed } from '@csp-onprem/engine';
import { propertyRuns } from './fast-check-options.js';
import { readAllRecords } from './store-records.js';
import { right } from '../support/outcomes.js';

const PARTNER = 'a0a0a0a0-0000-4000-8000-000000000001';
const OTHER_PARTNER = 'a1a1a1a1-1111-4000-8000-000000000002';
const CUSTOMER = 'c0c0c0c0-0000-4000-8000-00000000000a';
const OTHER_CUSTOMER = 'c1c1c1c1-1111-4000-8000-00000000000b';
const SUPPORT = '5e5e5e5e-5555-4000-8000-000000000005';
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };
const product = { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] };
const contact = { name: 'Adele', email: 'adele@partner.example', phone: '+1 425 555 0100' };

const actors: Record<string, Actor> = {
  sellerAdmin: { userId: 'adele@partner', tenantId: PARTNER, roles: ['AdminAgent'] },
  otherPartnerAdmin: { userId: 'olga@other', tenantId: OTHER_PARTNER, roles: ['AdminAgent'] },
  sellerSalesAgent: { userId: 'sam@partner', tenantId: PARTNER, roles: ['SalesAgent'] },
  customerGlobalAdmin: { userId: 'gary@contoso', tenantId: CUSTOMER, roles: ['GlobalAdmin'] },
  otherCustomerGlobalAdmin: { userId: 'gina@fabrikam', tenantId: OTHER_CUSTOMER, roles: ['GlobalAdmin'] },
  support: { userId: 'desk@support', tenantId: SUPPORT, roles: ['Support'] },
  auditor: { userId: 'audit@firm', tenantId: SUPPORT, roles: ['Auditor'] },
};
/** An actor that does not decode: the session answers InvalidCommand on actor at each use. */
const invalidActor = { userId: '', tenantId: 'not-a-guid', roles: 'AdminAgent' };

/** Keys and links that follow from the command id, so that two worlds issue the same ones. */
function deterministicEngine(store: EventStore): Engine {
  const clock = manualClock(new Date('2025-04-01T09:00:00.000Z'));
  return createEngine({
    store,
    clock: clock.now,
    keyProvider: { issueKey: async ({ commandId }) => `KEY-${createHash('sha256').update(commandId).digest('hex').slice(0, 20)}` },
    linkProvider: { createLink: async ({ commandId, now }) => ({ url: `https://dl.example/${commandId}?token=t`, expiresAt: new Date(now.getTime() + 86_400_000) }) },
  });
}

/** A purchase with a key and an open ticket, and another partner's purchase for another customer. */
async function aWorld(): Promise<{ store: EventStore; engine: Engine; ticketId: string }> {
  const store = inMemoryStore();
  const engine = deterministicEngine(store);
  const trusted = async (command: Record<string, unknown>): Promise<Executed> => {
    const result = await engine.executeTrusted(command);
    if (E.isLeft(result)) throw new Error(`setup ${String(command['type'])} failed: ${result.left.message}`);
    return result.right;
  };
  const buy = (actor: Actor, partnerId: string, customer: string, subscriptionId: string) =>
    trusted({ type: 'PurchaseSoftware', commandId: `buy-${subscriptionId}`, actor, partnerId, customer: { tenantId: customer, domain: 'contoso.onmicrosoft.com' }, orderId: `ORD-${subscriptionId}`, subscriptionId, product, quantity: 1, unitPrice: { amount: 1000, currency: 'USD' } });
  await buy(actors['sellerAdmin'] as Actor, PARTNER, CUSTOMER, 'SUB-1');
  await buy(actors['otherPartnerAdmin'] as Actor, OTHER_PARTNER, OTHER_CUSTOMER, 'SUB-2');
  await trusted({ type: 'GetKey', commandId: 'key-setup', actor: actors['sellerAdmin'], subscriptionId: 'SUB-1', variant });
  const requested = await trusted({ type: 'RequestCancellation', commandId: 'cancel-setup', actor: actors['sellerAdmin'], customer: { tenantId: CUSTOMER }, subscriptionId: 'SUB-1', refundReason: 'wrong', requestedAmount: { amount: 100, currency: 'USD' }, impact: 'Low', title: 'Cancel', contact });
  return { store, engine, ticketId: (requested.events[0]?.data as { ticketId: string }).ticketId };
}

/** Every command type, without an actor, against the world's purchases. */
function bodies(ticketId: string): Record<string, Record<string, unknown>> {
  return {
    purchase: { type: 'PurchaseSoftware', commandId: 'c-buy', partnerId: PARTNER, customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' }, orderId: 'ORD-9', subscriptionId: 'SUB-9', product, quantity: 2, unitPrice: { amount: 500, currency: 'USD' } },
    getKey: { type: 'GetKey', commandId: 'c-key', subscriptionId: 'SUB-1', variant },
    getOtherKey: { type: 'GetKey', commandId: 'c-key-2', subscriptionId: 'SUB-2', variant },
    download: { type: 'DownloadSoftware', commandId: 'c-dl', subscriptionId: 'SUB-1', variant },
    link: { type: 'CopyDownloadLink', commandId: 'c-link', subscriptionId: 'SUB-1', variant },
    request: { type: 'RequestCancellation', commandId: 'c-cancel', customer: { tenantId: OTHER_CUSTOMER }, subscriptionId: 'SUB-2', refundReason: 'r', requestedAmount: { amount: 10, currency: 'USD' }, impact: 'Low', title: 't', contact },
    complete: { type: 'CompleteCancellation', commandId: 'c-complete', ticketId },
    reject: { type: 'RejectCancellation', commandId: 'c-reject', ticketId, reason: 'no' },
  };
}

type Smuggling = 'top' | 'nested' | 'prototype' | 'cased' | 'json-proto';

/** The body with an actor smuggled in the given way. */
function smuggle(body: Record<string, unknown>, how: Smuggling, actor: Actor): Record<string, unknown> {
  switch (how) {
    case 'top':
      return { ...body, actor };
    case 'nested':
      return { ...body, customer: { ...(body['customer'] as object | undefined), actor }, variant: { ...(body['variant'] as object | undefined), actor }, meta: { actor } };
    case 'prototype':
      return Object.assign(Object.create({ actor }) as Record<string, unknown>, body);
    case 'cased':
      return { ...body, Actor: actor, ACTOR: actor, 'actor ': actor, actorId: actor.userId, roles: actor.roles, tenantId: actor.tenantId, userId: actor.userId };
    case 'json-proto':
      return JSON.parse(`{"__proto__": {"actor": ${JSON.stringify(actor)}}, ${JSON.stringify(body).slice(1)}`) as Record<string, unknown>;
  }
}

/**
 * What a caller learns from an outcome: the error code, or the events written and whether a
 * key or link came back. A sealed key is left out: its IV and data key are random, so two
 * worlds seal the same key differently (its fingerprint is compared).
 */
function outcome(result: E.Either<EngineError, Executed>): unknown {
  if (E.isLeft(result)) return { code: result.left.code };
  const events = result.right.events.map(({ type, data }) => {
    const { sealedKey: _sealed, ...rest } = data as Record<string, unknown>;
    return { type, data: rest };
  });
  return { replayed: result.right.replayed, events, productKey: result.right.productKey ?? null, link: result.right.downloadLink?.url ?? null };
}

describe('identity comes from the session, never from the command', () => {
  it('gives any command, whatever actor is smuggled into its body, the outcome the session actor alone would get, or refuses a body that names an actor', async () => {
    const sessionActor = fc.oneof(fc.constantFrom(...Object.keys(actors)).map((name) => actors[name] as unknown), fc.constant(invalidActor as unknown));
    await fc.assert(
      fc.asyncProperty(
        sessionActor,
        fc.constantFrom('purchase', 'getKey', 'getOtherKey', 'download', 'link', 'request', 'complete', 'reject'),
        fc.constantFrom<Smuggling>('top', 'nested', 'prototype', 'cased', 'json-proto'),
        fc.constantFrom(actors['support'] as Actor, actors['sellerAdmin'] as Actor, actors['customerGlobalAdmin'] as Actor, actors['otherPartnerAdmin'] as Actor),
        async (actor, which, how, smuggled) => {
          const [withSmuggled, alone] = [await aWorld(), await aWorld()];
          const body = bodies(withSmuggled.ticketId)[which] as Record<string, unknown>;
          const before = await readAllRecords(withSmuggled.store);
          const got = await withSmuggled.engine.as(actor).execute(smuggle(body, how, smuggled));
          if (how === 'top') {
            expect(E.isLeft(got) && got.left.code).to.equal('InvalidCommand');
            expect(E.isLeft(got) && got.left.code === 'InvalidCommand' && got.left.errors.map((e) => e.path)).to.include('actor');
            expect(await readAllRecords(withSmuggled.store), 'nothing written').to.deep.equal(before);
            return;
          }
          const expected = await alone.engine.as(actor).execute(body);
          expect(outcome(got)).to.deep.equal(outcome(expected));
          const written = (await readAllRecords(withSmuggled.store)).map(({ type, meta }) => ({ type, actor: (meta as { actor: unknown }).actor }));
          expect(written).to.deep.equal((await readAllRecords(alone.store)).map(({ type, meta }) => ({ type, actor: (meta as { actor: unknown }).actor })));
        },
      ),
      propertyRuns(120),
    );
  });

  it('answers an invalid session actor with InvalidCommand on actor for commands and queries alike, writing nothing', async () => {
    const { store, engine } = await aWorld();
    const before = await readAllRecords(store);
    const session = engine.as(invalidActor);
    for (const result of [await session.execute(bodies('x')['getKey']), await session.softwareList(CUSTOMER), await session.refundEligibility('SUB-1', new Date()), await session.auditTrail(), await session.tickets()]) {
      expect(E.isLeft(result) && result.left.code).to.equal('InvalidCommand');
      expect(E.isLeft(result) && result.left.message).to.match(/actor\.(userId|tenantId|roles)/);
    }
    expect(await readAllRecords(store)).to.deep.equal(before);
  });

  it('answers a body whose fields throw when read with InvalidCommand, never an exception', async () => {
    const { engine } = await aWorld();
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); }, get: () => { throw new Error('boom'); } });
    const getter = Object.defineProperty({ type: 'GetKey' }, 'commandId', { enumerable: true, get: () => { throw new Error('boom'); } });
    for (const input of [hostile, getter]) {
      const result = await engine.as(actors['sellerAdmin']).execute(input);
      expect(E.isLeft(result) && result.left.code).to.equal('InvalidCommand');
    }
  });
});

describe('no answer tells a party that does not belong to a purchase whether it exists', () => {
  it('answers a foreign purchase and a purchase nobody made with the same code and the same words', async () => {
    const { engine } = await aWorld();
    const foreign = await engine.as(actors['otherPartnerAdmin']).execute({ type: 'GetKey', commandId: 'probe-1', subscriptionId: 'SUB-1', variant });
    const nowhere = await engine.as(actors['otherPartnerAdmin']).execute({ type: 'GetKey', commandId: 'probe-2', subscriptionId: 'SUB-404', variant });
    expect(E.isLeft(foreign) && foreign.left.code).to.equal('UnknownPurchase');
    expect(E.isLeft(foreign) && foreign.left.message.replace('SUB-1', 'X')).to.equal(E.isLeft(nowhere) && nowhere.left.message.replace('SUB-404', 'X'));
    const eligibility = await engine.as(actors['otherPartnerAdmin']).refundEligibility('SUB-1', new Date('2025-04-02T00:00:00.000Z'));
    expect(E.isLeft(eligibility) && eligibility.left.code).to.equal('UnknownPurchase');
  });

  it("lets another partner buy a subscription id a partner already holds, in its own namespace: never DuplicatePurchase, never occupying the first partner's", async () => {
    const { engine } = await aWorld();
    const theirs = await engine.as(actors['otherPartnerAdmin']).execute({ ...bodies('x')['purchase'], commandId: 'squat', partnerId: OTHER_PARTNER, subscriptionId: 'SUB-1' });
    expect(E.isRight(theirs) && theirs.right.events.map((event) => event.type)).to.deep.equal(['Purchased']);
    const mine = await engine.as(actors['sellerAdmin']).execute({ type: 'GetKey', commandId: 'still-mine', subscriptionId: 'SUB-1', variant });
    expect(E.isRight(mine) && mine.right.events.map((event) => event.type)).to.deep.equal(['KeyViewed']);
    const again = await engine.as(actors['sellerAdmin']).execute({ ...bodies('x')['purchase'], commandId: 'again', subscriptionId: 'SUB-1' });
    expect(E.isLeft(again) && again.left.code, 'within its own namespace a partner still meets DuplicatePurchase').to.equal('DuplicatePurchase');
  });

  it("never lets an AdminAgent reach its own purchase while naming another partner: it answers for that partner's purchase, or UnknownPurchase", async () => {
    const { engine } = await aWorld();
    const elsewhere = await engine.as(actors['sellerAdmin']).execute({ type: 'GetKey', commandId: 'wrong-partner', subscriptionId: 'SUB-1', variant, partnerId: OTHER_PARTNER });
    expect(E.isLeft(elsewhere) && elsewhere.left.code).to.equal('UnknownPurchase');
  });

  it("asks the customer's GlobalAdmin to name the partner when two partners sold it the same subscription id (AmbiguousPurchase), and then answers", async () => {
    const { engine } = await aWorld();
    right(await engine.as(actors['otherPartnerAdmin']).execute({ ...bodies('x')['purchase'], commandId: 'same-id', partnerId: OTHER_PARTNER, subscriptionId: 'SUB-1' }));
    const ambiguous = await engine.as(actors['customerGlobalAdmin']).execute({ type: 'GetKey', commandId: 'ga-1', subscriptionId: 'SUB-1', variant });
    expect(E.isLeft(ambiguous) && ambiguous.left.code).to.equal('AmbiguousPurchase');
    const named = await engine.as(actors['customerGlobalAdmin']).execute({ type: 'GetKey', commandId: 'ga-2', subscriptionId: 'SUB-1', variant, partnerId: PARTNER });
    expect(E.isRight(named) && named.right.productKey).to.be.a('string');
  });
});

