import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS, errorCodes, type ErrorCode } from '@csp-onprem/domain';
import {
  createEngine,
  inMemoryStore,
  manualClock,
  purchaseStreamId,
  storeUnavailable,
  type Engine,
  type EngineError,
  type EventStore,
  type Executed,
  type KeyProvider,
  type StoredEvent,
} from '@csp-onprem/engine';
import {
  aCancellationRequest,
  aCompletion,
  aDownload,
  aGetKey,
  aLinkCopy,
  anotherVariant,
  anUnofferedVariant,
  aPaidAmount,
  aPurchase,
  aRejection,
  aVariant,
  customerGlobalAdmin,
  DEFAULT_INSTANT,
  domains,
  ids,
  partnerAdmin,
  supportAgent,
  tenants,
  executeAsActor,
} from '@csp-onprem/testing';
import { right } from './support/outcomes.js';

/** A key provider that hands out the given opaque strings in turn and remembers every key it issued. */
function recordingKeyProvider(keys: readonly string[] = []): KeyProvider & { issued: string[] } {
  const issued: string[] = [];
  return {
    issued,
    async issueKey() {
      const key = keys[issued.length] ?? `PLAINKEY-${issued.length + 1}-QWERT-YUIOP-ASDFG`;
      issued.push(key);
      return key;
    },
  };
}

interface World {
  readonly store: EventStore;
  readonly engine: Engine;
  readonly clock: ReturnType<typeof manualClock>;
  readonly keys: ReturnType<typeof recordingKeyProvider>;
  /** Runs a command that must succeed. */
  ok(command: unknown): Promise<Executed>;
  /** Runs a command that must fail with `code`, checking that nothing was written. */
  refused(command: unknown, code: ErrorCode): Promise<EngineError>;
  /** Every record in the store, in global order. */
  records(): Promise<StoredEvent[]>;
}

function aWorld(options: { store?: EventStore; keys?: readonly string[]; maxRetries?: number } = {}): World {
  const store = options.store ?? inMemoryStore();
  const clock = manualClock(DEFAULT_INSTANT);
  const keys = recordingKeyProvider(options.keys);
  const engine = createEngine({ store, clock: clock.now, keyProvider: keys, maxRetries: options.maxRetries ?? 2 });
  const records = async (): Promise<StoredEvent[]> => {
    const all = await store.readAll({ after: 0, limit: 100_000 });
    if (E.isLeft(all)) return expect.fail(`the store could not be read: ${all.left.message}`);
    return all.right;
  };
  return {
    store,
    engine,
    clock,
    keys,
    records,
    async ok(command) {
      const result = await executeAsActor(engine, command);
      if (E.isLeft(result)) return expect.fail(`expected ${describeCommand(command)} to succeed, got ${result.left.code}: ${result.left.message}`);
      return result.right;
    },
    async refused(command, code) {
      const before = await records();
      const result = await executeAsActor(engine, command);
      if (E.isRight(result)) return expect.fail(`expected ${describeCommand(command)} to fail with ${code}, but it wrote ${result.right.events.map((e) => e.type).join(', ')}`);
      expect(result.left.code, result.left.message).to.equal(code);
      expect(result.left.message).to.be.a('string').that.is.not.empty;
      expect(await records(), `nothing written by the refused ${describeCommand(command)}`).to.deep.equal(before);
      return result.left;
    },
  };
}

function describeCommand(command: unknown): string {
  return typeof command === 'object' && command !== null && 'type' in command ? String(command.type) : 'the input';
}

const day = (n: number): Date => new Date(DEFAULT_INSTANT.getTime() + n * DAY_MS);
const reader = supportAgent();

/** Buys the default purchase and keys two variants; returns the world. */
async function boughtAndKeyed(world = aWorld()): Promise<World> {
  await world.ok(aPurchase());
  await world.ok(aGetKey());
  await world.ok(aGetKey({ variant: anotherVariant }));
  return world;
}

async function openTicket(world: World): Promise<string> {
  const requested = await world.ok(aCancellationRequest());
  const event = requested.events[0];
  if (event?.type !== 'CancelRequested') return expect.fail('expected CancelRequested');
  return (event.data as { ticketId: string }).ticketId;
}

describe('domain rules through the engine', () => {
  describe('finding the purchase a cancellation is about', () => {
    it('refuses an order id that covers two purchases with AmbiguousOrder, naming both subscriptions', async () => {
      const world = aWorld();
      await world.ok(aPurchase({ subscriptionId: 'SUB-2002-1', orderId: 'ORD-2002' }));
      await world.ok(aPurchase({ subscriptionId: 'SUB-2002-2', orderId: 'ORD-2002' }));
      const { subscriptionId: _s, ...byOrder } = aCancellationRequest({ orderId: 'ORD-2002' });
      const error = await world.refused(byOrder, 'AmbiguousOrder');
      expect(error.message).to.include('SUB-2002-1').and.to.include('SUB-2002-2');
    });

    it('accepts the same request once it names the subscription id', async () => {
      const world = aWorld();
      await world.ok(aPurchase({ subscriptionId: 'SUB-2002-1', orderId: 'ORD-2002' }));
      await world.ok(aPurchase({ subscriptionId: 'SUB-2002-2', orderId: 'ORD-2002' }));
      const executed = await world.ok(aCancellationRequest({ orderId: 'ORD-2002', subscriptionId: 'SUB-2002-2' }));
      expect(executed.streamId).to.equal(purchaseStreamId(tenants.sellingPartner, 'SUB-2002-2'));
    });

    it('finds the purchase by order id alone when the order has one line', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const { subscriptionId: _s, ...byOrder } = aCancellationRequest({ orderId: ids.orderId, customer: { domain: domains.customer } });
      const executed = await world.ok(byOrder);
      expect(executed.streamId).to.equal(purchaseStreamId(tenants.sellingPartner, ids.subscriptionId));
      expect(executed.events.map((e) => e.type)).to.deep.equal(['CancelRequested']);
    });

    it('refuses an order id or subscription id nobody bought with UnknownPurchase', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const { subscriptionId: _s, ...byOrder } = aCancellationRequest({ orderId: 'ORD-9999' });
      await world.refused(byOrder, 'UnknownPurchase');
      await world.refused(aCancellationRequest({ subscriptionId: 'SUB-9999-1' }), 'UnknownPurchase');
    });
  });

  describe('idempotency', () => {
    it('returns the earlier result with replayed: true for a repeated command id, and writes nothing', async () => {
      const world = aWorld();
      const command = aPurchase();
      const first = await world.ok(command);
      const before = await world.records();
      const again = await world.ok(command);
      expect(first.replayed).to.equal(false);
      expect(again.replayed).to.equal(true);
      expect(again.events).to.deep.equal(first.events);
      expect(await world.records()).to.deep.equal(before);
    });

    it('answers a repeated GetKey with its earlier events but without the key, since every showing of a key is recorded', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const command = aGetKey();
      const first = await world.ok(command);
      const again = await world.ok(command);
      expect(first.productKey).to.be.a('string');
      expect(again.replayed).to.equal(true);
      expect(again.events).to.deep.equal(first.events);
      expect(again).to.not.have.property('productKey');
      expect(world.keys.issued).to.have.length(1);
      expect(await world.records()).to.have.length(2);
    });

    it('shows the key again to a GetKey with a new command id, and records that showing as KeyViewed', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const first = await world.ok(aGetKey());
      const shownAgain = await world.ok(aGetKey());
      expect(shownAgain.productKey).to.equal(first.productKey);
      expect(shownAgain.events.map((e) => e.type)).to.deep.equal(['KeyViewed']);
      expect(world.keys.issued).to.have.length(1);
    });

    it('answers a repeated cancellation request after day 60 with its earlier acceptance', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const command = aCancellationRequest();
      world.clock.set(day(59));
      const first = await world.ok(command);
      world.clock.set(day(75));
      const again = await world.ok(command);
      expect(again).to.deep.equal({ ...first, replayed: true });
    });

    it("refuses another tenant's actor who repeats someone else's command id, never handing over the key", async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const original = aGetKey();
      await world.ok(original);
      for (const actor of [partnerAdmin(tenants.otherPartner), customerGlobalAdmin(tenants.otherCustomer)]) {
        // No party to the purchase: told it does not exist, as anyone would be.
        const error = await world.refused({ ...original, actor }, 'UnknownPurchase');
        for (const key of world.keys.issued) expect(JSON.stringify(error)).to.not.include(key);
      }
    });
  });

  describe('version conflicts', () => {
    it('retries a conflicting append, then returns VersionConflict and writes nothing', async () => {
      const inner = inMemoryStore();
      const streamId = purchaseStreamId(tenants.sellingPartner, ids.subscriptionId);
      await boughtAndKeyed(aWorld({ store: inner }));
      const readInner = async () => right(await inner.readStream(streamId));
      const before = await readInner();
      let appends = 0;
      // Every read misses the stream's last event, as if another writer's append landed just after it:
      // each append then goes to the real store, which answers the conflict itself.
      const behind: EventStore = {
        ...inner,
        async readStream(id) {
          const read = await inner.readStream(id);
          return E.isLeft(read) ? read : E.right(read.right.slice(0, -1));
        },
        async appendToStream(id, expectedVersion, events) {
          appends += 1;
          return inner.appendToStream(id, expectedVersion, events);
        },
      };
      const world = aWorld({ store: behind, maxRetries: 3 });
      const error = await world.refused(aDownload(), 'VersionConflict');
      expect(appends).to.equal(4);
      expect(error).to.include({ streamId, expectedVersion: before.length - 1, actualVersion: before.length });
      expect(await readInner()).to.deep.equal(before);
    });

    it('decides again against the newer state after a conflict (a lost race to buy is a DuplicatePurchase)', async () => {
      const inner = inMemoryStore();
      let raced = false;
      const racing: EventStore = {
        ...inner,
        async appendToStream(streamId, expectedVersion, events) {
          if (!raced) {
            raced = true;
            const rival = await executeAsActor(aWorld({ store: inner }).engine, aPurchase());
            if (E.isLeft(rival)) return expect.fail(rival.left.message);
          }
          return inner.appendToStream(streamId, expectedVersion, events);
        },
      };
      const world = aWorld({ store: racing });
      const mine = aPurchase({ orderId: 'ORD-MINE' });
      const result = await executeAsActor(world.engine, mine);
      expect(E.isLeft(result) && result.left.code).to.equal('DuplicatePurchase');
      const records = await world.records();
      expect(records.map((r) => (r.meta as { commandId: string }).commandId)).to.not.include(mine.commandId);
      expect(records).to.have.length(1);
    });
  });

  describe('an unavailable store', () => {
    it('answers StoreUnavailable with its cause when the store is closed, for commands and queries', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      await world.store.close();
      const result = await executeAsActor(world.engine, aDownload());
      expect(E.isLeft(result) && result.left).to.include({ code: 'StoreUnavailable', cause: 'the store is closed' });
      const list = await world.engine.as(reader).softwareList(tenants.customer);
      expect(E.isLeft(list) && list.left.code).to.equal('StoreUnavailable');
      const eligibility = await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(1));
      expect(E.isLeft(eligibility) && eligibility.left.code).to.equal('StoreUnavailable');
    });

    it('answers StoreUnavailable, never throwing, when a store answers an error or rejects', async () => {
      const inner = inMemoryStore();
      const answersError: EventStore = {
        ...inner,
        async readStream() {
          return E.left(storeUnavailable('flaky store', 'connection reset by peer'));
        },
      };
      const rejects: EventStore = {
        ...inner,
        async appendToStream() {
          throw new Error('disk I/O error');
        },
      };
      const first = await aWorld({ store: answersError }).refused(aPurchase(), 'StoreUnavailable');
      expect(first).to.have.property('cause', 'connection reset by peer');
      const second = await aWorld({ store: rejects }).refused(aPurchase(), 'StoreUnavailable');
      expect(second).to.have.property('cause', 'disk I/O error');
    });

    it('answers StoreUnavailable when the key provider fails, and writes no KeyIssued', async () => {
      const store = inMemoryStore();
      const failing: KeyProvider = {
        async issueKey() {
          throw new Error('Partner Center timed out');
        },
      };
      const engine = createEngine({ store, clock: manualClock(DEFAULT_INSTANT).now, keyProvider: failing });
      right(await executeAsActor(engine, aPurchase()));
      const result = await executeAsActor(engine, aGetKey());
      expect(E.isLeft(result) && result.left).to.include({ code: 'StoreUnavailable' });
      expect(E.isLeft(result) && result.left.message).to.match(/^key provider: issueKey failed \(Error\)/);
      const all = right(await store.readAll({ after: 0, limit: 100 }));
      expect(all.map((r) => r.type)).to.deep.equal(['Purchased']);
    });
  });

  describe('refused commands write nothing', () => {
    /** One way to reach each error code a command can give, after the default purchase is made and keyed. */
    const refusals: { code: ErrorCode; why: string; command: (world: World) => Promise<unknown> }[] = [
      { code: 'InvalidCommand', why: 'a floating-point unit price', command: async () => ({ ...aPurchase(), unitPrice: { amount: 1.5, currency: 'USD' } }) },
      { code: 'Forbidden', why: 'a SalesAgent getting a key', command: async () => aGetKey({ actor: { ...partnerAdmin(), roles: ['SalesAgent'] } }) },
      { code: 'UnknownPurchase', why: 'another partner downloading the purchase, as if it did not exist', command: async () => aDownload({ actor: partnerAdmin(tenants.otherPartner) }) },
      {
        code: 'AmbiguousPurchase',
        why: "the customer's GlobalAdmin naming a subscription id that two partners sold it",
        command: async (world) => {
          await world.ok(aPurchase({ actor: partnerAdmin(tenants.otherPartner), partnerId: tenants.otherPartner }));
          return aGetKey({ actor: customerGlobalAdmin() });
        },
      },
      { code: 'UnknownPurchase', why: 'a key for a subscription nobody bought', command: async () => aGetKey({ subscriptionId: 'SUB-404' }) },
      { code: 'DuplicatePurchase', why: 'buying the same subscription again', command: async () => aPurchase() },
      { code: 'CustomerMismatch', why: 'cancelling for another customer', command: async () => aCancellationRequest({ customer: { tenantId: tenants.otherCustomer } }) },
      {
        code: 'AmbiguousOrder',
        why: 'cancelling by an order with two lines',
        command: async (world) => {
          await world.ok(aPurchase({ subscriptionId: 'SUB-1001-2' }));
          const { subscriptionId: _s, ...byOrder } = aCancellationRequest({ orderId: ids.orderId });
          return byOrder;
        },
      },
      { code: 'VariantNotOffered', why: 'a 32-bit key of a 64-bit-only product', command: async () => aGetKey({ variant: anUnofferedVariant }) },
      {
        code: 'CancellationWindowElapsed',
        why: 'cancelling on day 60',
        command: async (world) => {
          world.clock.set(day(60));
          return aCancellationRequest();
        },
      },
      {
        code: 'CancellationPending',
        why: 'a second request while one is open',
        command: async (world) => {
          await openTicket(world);
          return aCancellationRequest();
        },
      },
      {
        code: 'AlreadyCancelled',
        why: 'copying a link of a cancelled purchase',
        command: async (world) => {
          await world.ok(aCompletion(await openTicket(world)));
          return aLinkCopy();
        },
      },
      { code: 'AmountExceedsPaid', why: 'asking one cent more than was paid', command: async () => aCancellationRequest({ requestedAmount: { amount: aPaidAmount.amount + 1, currency: 'USD' } }) },
      { code: 'CurrencyMismatch', why: 'asking in EUR for a USD purchase', command: async () => aCancellationRequest({ requestedAmount: { amount: 100, currency: 'EUR' } }) },
      { code: 'UnknownTicket', why: 'completing a ticket that is not open', command: async () => aCompletion('TKT-NOPE') },
      {
        code: 'KeyShredded',
        why: 'showing a key again after the customer tenant was forgotten',
        command: async (world) => {
          const forgotten = await world.engine.forgetTenant(tenants.customer);
          expect(E.isRight(forgotten)).to.equal(true);
          return aGetKey();
        },
      },
    ];

    for (const { code, why, command } of refusals) {
      it(`refuses ${why} with ${code} and leaves the log unchanged`, async () => {
        const world = await boughtAndKeyed();
        await world.refused(await command(world), code);
      });
    }

    it('reaches every stable error code (the store codes are proven above)', () => {
      // KeyEncryptionKeyMismatch is proven with a durable vault in test/key-custody/key-custody.test.ts,
      // ReadModelMismatch with saved read models edited in a SQLite file in test/read-models.
      const reached = new Set<string>([...refusals.map((r) => r.code), 'VersionConflict', 'StoreUnavailable', 'KeyEncryptionKeyMismatch', 'ReadModelMismatch']);
      expect([...reached].sort()).to.deep.equal([...errorCodes].sort());
    });
  });

  describe('refund eligibility', () => {
    it('is within-window with the deadline, days left, credit percent and refundable amount', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const eligibility = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, new Date(day(10).getTime() + 1)));
      expect(eligibility).to.deep.include({
        eligible: true,
        reason: 'within-window',
        deadline: day(60).toISOString(),
        daysLeft: 50,
        creditPercent: 100,
        refundableAmount: aPaidAmount,
      });
    });

    it('counts a part of a day left as a whole day until the last millisecond', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const last = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, new Date(day(60).getTime() - 1)));
      expect(last).to.deep.include({ eligible: true, reason: 'within-window', daysLeft: 1 });
    });

    it('is window-elapsed from the deadline on, with nothing refundable', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const elapsed = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(60)));
      expect(elapsed).to.deep.include({
        eligible: false,
        reason: 'window-elapsed',
        deadline: day(60).toISOString(),
        daysLeft: 0,
        refundableAmount: { amount: 0, currency: 'USD' },
      });
    });

    it('is cancellation-pending while a ticket is open, then already-cancelled once completed', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      world.clock.set(day(5));
      const ticket = await openTicket(world);
      world.clock.set(day(6));
      const pending = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(6)));
      expect(pending).to.deep.include({ eligible: false, reason: 'cancellation-pending' });
      await world.ok(aCompletion(ticket));
      const cancelled = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(7)));
      expect(cancelled).to.deep.include({ eligible: false, reason: 'already-cancelled', daysLeft: 0 });
      const before = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(4)));
      expect(before).to.deep.include({ eligible: true, reason: 'within-window', daysLeft: 56 });
    });

    it('is judged as of a global position: the purchase once that event was written, at that event\'s instant', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      world.clock.set(day(3));
      await world.ok(aPurchase({ subscriptionId: 'SUB-OTHER-1', orderId: 'ORD-OTHER-1' }));
      world.clock.set(day(5));
      await openTicket(world);
      const [bought, other, requested] = (await world.records()).map((event) => event.position);
      if (bought === undefined || other === undefined || requested === undefined) return expect.fail('expected three events');

      expect(right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, bought))).to.deep.include({ at: DEFAULT_INSTANT.toISOString(), eligible: true, daysLeft: 60 });
      // Another stream's event: this purchase as it stood then, judged at that event's instant.
      expect(right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, other))).to.deep.include({ at: day(3).toISOString(), eligible: true, daysLeft: 57 });
      expect(right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, requested))).to.deep.include({ at: day(5).toISOString(), eligible: false, reason: 'cancellation-pending' });
    });

    it('refuses a position that holds no event with InvalidCommand on at, and a purchase not yet made at a position with UnknownPurchase', async () => {
      const world = aWorld();
      world.clock.set(day(1));
      await world.ok(aPurchase({ subscriptionId: 'SUB-FIRST-1', orderId: 'ORD-FIRST-1' }));
      await world.ok(aPurchase());
      const beyond = await world.engine.as(reader).refundEligibility(ids.subscriptionId, 99);
      expect(E.isLeft(beyond) && beyond.left).to.deep.include({ code: 'InvalidCommand' });
      expect(E.isLeft(beyond) && beyond.left.code === 'InvalidCommand' && beyond.left.errors.map((error) => error.path)).to.deep.equal(['at']);
      const before = await world.engine.as(reader).refundEligibility(ids.subscriptionId, 1);
      expect(E.isLeft(before) && before.left.code).to.equal('UnknownPurchase');
      const negative = await world.engine.as(reader).refundEligibility(ids.subscriptionId, -1);
      expect(E.isLeft(negative) && negative.left.code).to.equal('InvalidCommand');
    });

    it('answers StoreUnavailable, naming the position, when the event at the position has no readable instant', async () => {
      const inner = inMemoryStore();
      await aWorld({ store: inner }).ok(aPurchase());
      // The read models read the log in pages; the instant of one position is read alone.
      const damaged: EventStore = {
        ...inner,
        readAll: async (options) => {
          const page = await inner.readAll(options);
          if (E.isLeft(page) || options.limit !== 1) return page;
          return E.right(page.right.map((event) => ({ ...event, meta: { ...(event.meta as object), occurredAt: 'soon' } })));
        },
      };
      const answer = await aWorld({ store: damaged }).engine.as(reader).refundEligibility(ids.subscriptionId, 1);
      expect(E.isLeft(answer) && answer.left).to.deep.include({ code: 'StoreUnavailable' });
      expect(E.isLeft(answer) && answer.left.message).to.include('event at position 1').and.include('occurredAt');
    });

    it('follows the policy recorded at purchase: 30 days under another policy', async () => {
      const world = aWorld();
      await world.ok(aPurchase({ cancellationPolicy: { windowDays: 30, creditPercent: 100 } }));
      const eligibility = right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(29)));
      expect(eligibility).to.deep.include({ deadline: day(30).toISOString(), daysLeft: 1 });
      world.clock.set(day(30));
      await world.refused(aCancellationRequest(), 'CancellationWindowElapsed');
    });
  });

  describe('cancelling end to end', () => {
    it('credits 100% on completion after day 60 for a request made inside the window', async () => {
      const world = await boughtAndKeyed();
      world.clock.set(new Date(day(60).getTime() - 1));
      const ticket = await openTicket(world);
      world.clock.set(day(90));
      const completed = await world.ok(aCompletion(ticket));
      const [first] = completed.events;
      expect(first?.data).to.deep.equal({ ticketId: ticket, credit: aPaidAmount, creditPercent: 100 });
    });

    it('revokes every issued key, one KeyRevoked per key, in the same single append as CancelCompleted', async () => {
      const inner = inMemoryStore();
      const appends: string[][] = [];
      const counting: EventStore = {
        ...inner,
        async appendToStream(streamId, expectedVersion, events) {
          appends.push(events.map((e) => e.type));
          return inner.appendToStream(streamId, expectedVersion, events);
        },
      };
      const world = await boughtAndKeyed(aWorld({ store: counting }));
      const ticket = await openTicket(world);
      appends.length = 0;
      const completed = await world.ok(aCompletion(ticket));
      expect(appends).to.deep.equal([['CancelCompleted', 'KeyRevoked', 'KeyRevoked']]);
      expect(completed.events.map((e) => e.version)).to.deep.equal([5, 6, 7]);
      const revoked = (await world.records()).filter((r) => r.type === 'KeyRevoked').map((r) => (r.data as { variant: unknown }).variant);
      expect(revoked).to.have.deep.members([aVariant, anotherVariant]);
    });

    it('leaves the purchase active after a rejection, and a new request may follow', async () => {
      const world = await boughtAndKeyed();
      const first = await openTicket(world);
      await world.ok(aRejection(first));
      const [item] = right(await world.engine.as(reader).softwareList(tenants.customer));
      expect(item?.status).to.equal('active');
      const second = await openTicket(world);
      expect(second).to.not.equal(first);
    });

    it('stamps every event with the injected clock, not the wall clock', async () => {
      const world = aWorld();
      const future = new Date('2031-07-04T12:00:00.000Z');
      world.clock.set(future);
      const bought = await world.ok(aPurchase());
      expect(bought.events.map((e) => e.occurredAt)).to.deep.equal([future.toISOString()]);
      world.clock.advance(59 * DAY_MS);
      const requested = await world.ok(aCancellationRequest());
      expect(requested.events.map((e) => e.occurredAt)).to.deep.equal([new Date(future.getTime() + 59 * DAY_MS).toISOString()]);
    });
  });

  describe('the software list', () => {
    it('shows active, cancellation-pending and cancelled purchases, keeping the cancelled one with its keys revoked', async () => {
      const world = await boughtAndKeyed();
      await world.ok(aPurchase({ subscriptionId: 'SUB-3003-1', orderId: 'ORD-3003' }));
      const statuses = async () => right(await world.engine.as(reader).softwareList(tenants.customer)).map((i) => [i.subscriptionId, i.status]);
      expect(await statuses()).to.deep.equal([[ids.subscriptionId, 'active'], ['SUB-3003-1', 'active']]);
      world.clock.set(day(3));
      const ticket = await openTicket(world);
      expect(await statuses()).to.deep.equal([[ids.subscriptionId, 'cancellation-pending'], ['SUB-3003-1', 'active']]);
      world.clock.set(day(4));
      await world.ok(aCompletion(ticket));
      expect(await statuses()).to.deep.equal([[ids.subscriptionId, 'cancelled'], ['SUB-3003-1', 'active']]);
      const [cancelled] = right(await world.engine.as(reader).softwareList(tenants.customer));
      expect(cancelled?.downloadLinksOffered).to.equal(false);
      expect(cancelled?.keys.map((k) => [k.revoked, k.revokedAt])).to.deep.equal([
        [true, day(4).toISOString()],
        [true, day(4).toISOString()],
      ]);
      expect(cancelled?.cancellableUntil).to.equal(day(60).toISOString());
    });

    it("holds the purchase's order id and quantity, and each key's issue instant and the fingerprint its KeyIssued carried", async () => {
      const world = aWorld();
      await world.ok(aPurchase({ orderId: 'ORD-4004', quantity: 7 }));
      const issue = async (variant: typeof aVariant, at: Date): Promise<string> => {
        world.clock.set(at);
        const [event] = (await world.ok(aGetKey({ variant }))).events;
        if (event?.type !== 'KeyIssued') return expect.fail('expected KeyIssued');
        return event.data.fingerprint;
      };
      const firstIssuedAt = new Date(day(1).getTime() + 123);
      const first = await issue(aVariant, firstIssuedAt);
      const second = await issue(anotherVariant, day(2));
      world.clock.set(day(5));
      const [item] = right(await world.engine.as(reader).softwareList(tenants.customer));
      expect(item).to.deep.include({ orderId: 'ORD-4004', quantity: 7 });
      expect(item?.keys.map((k) => [k.variant, k.issuedAt, k.fingerprint])).to.deep.equal([
        [aVariant, firstIssuedAt.toISOString(), first],
        [anotherVariant, day(2).toISOString(), second],
      ]);
    });

    it('offers download links while active, while a cancellation is pending and after a rejection, and no longer once a cancellation completes', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const offered = async () => {
        const [item] = right(await world.engine.as(reader).softwareList(tenants.customer));
        return [item?.status, item?.downloadLinksOffered];
      };
      expect(await offered()).to.deep.equal(['active', true]);
      const rejected = await openTicket(world);
      expect(await offered()).to.deep.equal(['cancellation-pending', true]);
      await world.ok(aRejection(rejected));
      expect(await offered()).to.deep.equal(['active', true]);
      await world.ok(aCompletion(await openTicket(world)));
      expect(await offered()).to.deep.equal(['cancelled', false]);
    });

    it('gives the past list as of an instant and as of a global position', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      world.clock.set(day(2));
      await world.ok(aPurchase({ subscriptionId: 'SUB-3003-1', orderId: 'ORD-3003' }));
      const positionAfterSecondPurchase = (await world.records()).length;
      world.clock.set(day(3));
      const ticket = await openTicket(world);
      world.clock.set(day(4));
      await world.ok(aCompletion(ticket));

      const byInstant = right(await world.engine.as(reader).softwareList(tenants.customer, { asOf: day(1) }));
      expect(byInstant.map((i) => [i.subscriptionId, i.status])).to.deep.equal([[ids.subscriptionId, 'active']]);
      const pendingThen = right(await world.engine.as(reader).softwareList(tenants.customer, { asOf: day(3) }));
      expect(pendingThen.map((i) => i.status), 'an event at the as-of instant is in').to.deep.equal(['cancellation-pending', 'active']);
      const justBefore = right(await world.engine.as(reader).softwareList(tenants.customer, { asOf: new Date(day(3).getTime() - 1) }));
      expect(justBefore.map((i) => i.status), 'an event 1 ms after the as-of instant is not').to.deep.equal(['active', 'active']);
      const byPosition = right(await world.engine.as(reader).softwareList(tenants.customer, { asOf: positionAfterSecondPurchase }));
      expect(byPosition.map((i) => [i.subscriptionId, i.status])).to.deep.equal([
        [ids.subscriptionId, 'active'],
        ['SUB-3003-1', 'active'],
      ]);
      const now = right(await world.engine.as(reader).softwareList(tenants.customer));
      expect(now.map((i) => i.status)).to.deep.equal(['cancelled', 'active']);
    });
  });

  describe('the audit trail', () => {
    it('shows who viewed keys, downloaded and copied links, with role and tenant, when', async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      world.clock.set(day(1));
      await world.ok(aGetKey());
      world.clock.set(day(2));
      await world.ok(aGetKey({ actor: customerGlobalAdmin() }));
      world.clock.set(day(3));
      await world.ok(aDownload({ actor: customerGlobalAdmin() }));
      world.clock.set(day(4));
      await world.ok(aLinkCopy());
      const trail = right(await world.engine.as(reader).auditTrail({ customerTenantId: tenants.customer }));
      const rows = trail.map((e) => [e.type, e.userId, e.actingRole, e.actorTenantId, e.customerTenantId, e.occurredAt]);
      const admin = partnerAdmin();
      const global = customerGlobalAdmin();
      expect(rows).to.deep.equal([
        ['Purchased', admin.userId, 'AdminAgent', tenants.sellingPartner, tenants.customer, DEFAULT_INSTANT.toISOString()],
        ['KeyIssued', admin.userId, 'AdminAgent', tenants.sellingPartner, tenants.customer, day(1).toISOString()],
        ['KeyViewed', global.userId, 'GlobalAdmin', tenants.customer, tenants.customer, day(2).toISOString()],
        ['Downloaded', global.userId, 'GlobalAdmin', tenants.customer, tenants.customer, day(3).toISOString()],
        ['LinkCopied', admin.userId, 'AdminAgent', tenants.sellingPartner, tenants.customer, day(4).toISOString()],
      ]);
      const window = right(await world.engine.as(reader).auditTrail({ customerTenantId: tenants.customer, from: day(2), to: day(3) }));
      expect(window.map((e) => e.type)).to.deep.equal(['KeyViewed', 'Downloaded']);
    });

    it('reads a window between two global positions, both included', async () => {
      const world = await boughtAndKeyed();
      world.clock.set(day(2));
      await world.ok(aDownload());
      await world.ok(aLinkCopy());
      const all = right(await world.engine.as(reader).auditTrail({ customerTenantId: tenants.customer }));
      const [, firstKey, secondKey, download] = all;
      if (firstKey === undefined || download === undefined || secondKey === undefined) return expect.fail('expected five entries');
      const window = right(await world.engine.as(reader).auditTrail({ customerTenantId: tenants.customer, from: firstKey.position, to: download.position }));
      expect(window.map((entry) => entry.position)).to.deep.equal([firstKey.position, secondKey.position, download.position]);
      const bad = await world.engine.as(reader).auditTrail({ customerTenantId: tenants.customer, to: 1.5 });
      expect(E.isLeft(bad) && bad.left.code).to.equal('InvalidCommand');
    });

    it("leaves out an event 1 ms after a window's end and one 1 ms before its start", async () => {
      const world = aWorld();
      await world.ok(aPurchase());
      const at = async (instant: Date, command: unknown) => {
        world.clock.set(instant);
        await world.ok(command);
      };
      await at(new Date(day(1).getTime() - 1), aGetKey());
      await at(day(1), aDownload());
      await at(day(2), aLinkCopy());
      await at(new Date(day(2).getTime() + 1), aGetKey());
      const window = right(await world.engine.as(reader).auditTrail({ customerTenantId: tenants.customer, from: day(1), to: day(2) }));
      expect(window.map((e) => [e.type, e.occurredAt])).to.deep.equal([
        ['Downloaded', day(1).toISOString()],
        ['LinkCopied', day(2).toISOString()],
      ]);
    });
  });

  describe('product keys', () => {
    it('are opaque: any string the provider gives is returned unchanged, first and later', async () => {
      const odd = ['  leading and trailing spaces  ', 'ÄÖÜ-名前-🔑-not-a-5x5-key', 'ABCDEFGHJKMPQRTVWXY2346789BCDFGH'];
      const world = aWorld({ keys: odd });
      await world.ok(aPurchase({ product: { ...aPurchase().product, languages: ['en-us', 'de-de', 'ja-jp'] } }));
      const variants = [aVariant, anotherVariant, { ...aVariant, language: 'ja-jp' }];
      for (const [i, variant] of variants.entries()) {
        expect((await world.ok(aGetKey({ variant }))).productKey).to.equal(odd[i]);
        expect((await world.ok(aGetKey({ variant, actor: customerGlobalAdmin() }))).productKey).to.equal(odd[i]);
      }
    });

    it('never appear in plain in the log, a read model, an audit entry, a result event or an error message', async () => {
      const world = await boughtAndKeyed();
      await world.ok(aGetKey({ actor: customerGlobalAdmin() }));
      const ticket = await openTicket(world);
      const completed = await world.ok(aCompletion(ticket));
      const refusal = await world.refused(aGetKey(), 'AlreadyCancelled');
      const issued = world.keys.issued;
      expect(issued).to.have.length(2);
      const surfaces = {
        log: await world.records(),
        softwareList: right(await world.engine.as(reader).softwareList(tenants.customer)),
        auditTrail: right(await world.engine.as(reader).auditTrail()),
        eligibility: right(await world.engine.as(reader).refundEligibility(ids.subscriptionId, day(1))),
        completedEvents: completed.events,
        error: refusal,
      };
      for (const [name, surface] of Object.entries(surfaces)) {
        const text = JSON.stringify(surface);
        for (const key of issued) expect(text, `${name} holds a plain key`).to.not.include(key);
      }
    });
  });
});
