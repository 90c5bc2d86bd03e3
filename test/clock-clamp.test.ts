import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS } from '@csp-onprem/domain';
import { createEngine, inMemoryStore, manualClock, purchaseStreamId, type Engine, type EventStore, type LinkRequest, type StoredEvent } from '@csp-onprem/engine';
import { aCancellationRequest, aDownload, aGetKey, aLinkCopy, aPurchase, DEFAULT_INSTANT, executeAsActor, ids, supportAgent, tenants } from '@csp-onprem/testing';
import { right } from './support/outcomes.js';

const T = DEFAULT_INSTANT;
const at = (ms: number): Date => new Date(T.getTime() + ms);
const streamId = purchaseStreamId(tenants.sellingPartner, ids.subscriptionId);

async function streamEvents(store: EventStore, id = streamId): Promise<StoredEvent[]> {
  return right(await store.readStream(id));
}

const occurredAt = (event: StoredEvent | undefined): string => (event?.meta as { occurredAt: string }).occurredAt;

interface ClockWorld {
  readonly store: EventStore;
  readonly engine: Engine;
  readonly clock: ReturnType<typeof manualClock>;
  readonly linkRequests: LinkRequest[];
}

function aClockWorld(store: EventStore = inMemoryStore()): ClockWorld {
  const clock = manualClock(T);
  const linkRequests: LinkRequest[] = [];
  const engine = createEngine({
    store,
    clock: clock.now,
    linkProvider: {
      async createLink(request) {
        linkRequests.push(request);
        return { url: 'https://downloads.example/x?token=abc', expiresAt: new Date(request.now.getTime() + DAY_MS) };
      },
    },
  });
  return { store, engine, clock, linkRequests };
}

describe('a clock that reads earlier than the last event of a stream', () => {
  it('dates a GetKey decided with a clock set back 5 days at the purchase instant, never earlier', async () => {
    const world = aClockWorld();
    right(await executeAsActor(world.engine, aPurchase()));
    world.clock.set(at(-5 * DAY_MS));
    const keyed = right(await executeAsActor(world.engine, aGetKey()));

    expect(keyed.events.map((event) => [event.type, event.occurredAt])).to.deep.equal([['KeyIssued', T.toISOString()]]);
    const [purchased, keyIssued] = await streamEvents(world.store);
    expect(occurredAt(purchased)).to.equal(T.toISOString());
    expect(occurredAt(keyIssued)).to.equal(occurredAt(purchased));
  });

  it('dates each later event at the last one\'s instant while the clock stays behind, and at the clock once it is ahead again', async () => {
    const world = aClockWorld();
    right(await executeAsActor(world.engine, aPurchase()));
    world.clock.set(at(2 * DAY_MS));
    right(await executeAsActor(world.engine, aGetKey()));
    world.clock.set(at(-5 * DAY_MS));
    right(await executeAsActor(world.engine, aDownload()));
    world.clock.set(at(-1));
    right(await executeAsActor(world.engine, aDownload()));
    world.clock.set(at(3 * DAY_MS));
    right(await executeAsActor(world.engine, aDownload()));

    const events = await streamEvents(world.store);
    expect(events.map((event) => [event.type, occurredAt(event)])).to.deep.equal([
      ['Purchased', T.toISOString()],
      ['KeyIssued', at(2 * DAY_MS).toISOString()],
      ['Downloaded', at(2 * DAY_MS).toISOString()],
      ['Downloaded', at(2 * DAY_MS).toISOString()],
      ['Downloaded', at(3 * DAY_MS).toISOString()],
    ]);
    const trail = right(await world.engine.as(supportAgent()).auditTrail());
    expect(trail.map((entry) => [entry.type, entry.occurredAt])).to.deep.equal(events.map((event) => [event.type, occurredAt(event)]));
  });

  it('clamps per stream: another purchase written with the clock set back is dated at the clock', async () => {
    const world = aClockWorld();
    right(await executeAsActor(world.engine, aPurchase()));
    world.clock.set(at(-5 * DAY_MS));
    const other = right(await executeAsActor(world.engine, aPurchase({ subscriptionId: 'SUB-2002-1', orderId: 'ORD-2002' })));
    expect(other.events.map((event) => event.occurredAt)).to.deep.equal([at(-5 * DAY_MS).toISOString()]);
  });

  it('decides at the clamped instant too: the link provider is asked at it', async () => {
    const world = aClockWorld();
    right(await executeAsActor(world.engine, aPurchase()));
    world.clock.set(at(-5 * DAY_MS));
    const copied = right(await executeAsActor(world.engine, aLinkCopy()));
    expect(world.linkRequests.map((request) => request.now.toISOString())).to.deep.equal([T.toISOString()]);
    expect(copied.events[0]).to.deep.include({ type: 'LinkCopied', occurredAt: T.toISOString() });
    expect(copied.events[0]?.data).to.deep.include({ expiresAt: at(DAY_MS).toISOString() });
  });

  it('never reopens a cancellation window that closed: a request with the clock set back inside it is decided at the last event\'s instant, after the deadline', async () => {
    const world = aClockWorld();
    right(await executeAsActor(world.engine, aPurchase({ cancellationPolicy: { windowDays: 1, creditPercent: 100 } })));
    world.clock.set(at(DAY_MS));
    right(await executeAsActor(world.engine, aDownload()));
    world.clock.set(at(DAY_MS / 2));
    const before = await streamEvents(world.store);
    const refused = await executeAsActor(world.engine, aCancellationRequest());
    expect(E.isLeft(refused) && refused.left.code).to.equal('CancellationWindowElapsed');
    expect(await streamEvents(world.store)).to.deep.equal(before);
  });

  it('clamps after a restart too: a new engine over the same store reads the last instant from the log', async () => {
    const store = inMemoryStore();
    const first = aClockWorld(store);
    right(await executeAsActor(first.engine, aPurchase()));
    first.clock.set(at(4 * DAY_MS));
    right(await executeAsActor(first.engine, aGetKey()));

    const second = aClockWorld(store);
    second.clock.set(at(-5 * DAY_MS));
    const downloaded = right(await executeAsActor(second.engine, aDownload()));
    expect(downloaded.events.map((event) => event.occurredAt)).to.deep.equal([at(4 * DAY_MS).toISOString()]);
    expect(occurredAt((await streamEvents(store)).at(-1))).to.equal(at(4 * DAY_MS).toISOString());
  });
});
