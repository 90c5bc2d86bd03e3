import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, manualClock, valueRefused, type Engine, type EngineError, type EngineSession, type EventStore } from '@csp-onprem/engine';
import { admin, allRecords, CUSTOMER, getKey, purchase, right } from './support.js';

/** The engine calls this file makes, in one place, so that an API rename is a change here only. */
const call = {
  execute: (engine: Engine, command: unknown) => engine.executeTrusted(command),
  softwareList: (engine: Engine, actor: unknown, customerTenantId: unknown, options?: unknown) =>
    engine.as(actor).softwareList(customerTenantId as string, options as Parameters<EngineSession['softwareList']>[1]),
  refundEligibility: (engine: Engine, actor: unknown, subscriptionId: unknown, at: unknown, options?: unknown) =>
    engine.as(actor).refundEligibility(subscriptionId as string, at as Date, options as Parameters<EngineSession['refundEligibility']>[2]),
  tickets: (engine: Engine, actor: unknown, options?: unknown) => engine.as(actor).tickets(options as Parameters<EngineSession['tickets']>[0]),
  auditTrail: (engine: Engine, actor: unknown, options?: unknown) => engine.as(actor).auditTrail(options as Parameters<EngineSession['auditTrail']>[0]),
};

const auditor = { userId: 'ann@audit.example', tenantId: CUSTOMER, roles: ['Auditor'] };

/** Awaits `answer`, failing the test if it threw instead of answering an error value. */
async function refused(answer: () => Promise<E.Either<EngineError, unknown>>): Promise<EngineError> {
  let result: E.Either<EngineError, unknown>;
  try {
    result = await answer();
  } catch (cause) {
    return expect.fail(`threw instead of answering a value: ${String(cause)}`);
  }
  if (E.isRight(result)) return expect.fail('expected a refusal');
  return result.left;
}

function pathsOf(error: EngineError): string[] {
  return error.code === 'InvalidCommand' ? error.errors.map((e) => e.path) : [`(${error.code})`];
}

function throwingGetter<T extends object>(target: T, key: string): T {
  return Object.defineProperty({ ...target }, key, {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
}

const throwingProxy = (): object =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('trap');
      },
      getOwnPropertyDescriptor() {
        throw new Error('trap');
      },
      getPrototypeOf() {
        throw new Error('trap');
      },
    },
  );

describe('untrusted arguments to commands and queries', () => {
  let engine: Engine;
  const store = inMemoryStore();

  before(async () => {
    engine = createEngine({ store, clock: manualClock(new Date('2024-03-01T09:00:00.000Z')).now });
    right(await call.execute(engine, purchase('SUB-1')));
  });

  it('refuses a command whose getter throws with InvalidCommand, writing nothing', async () => {
    const before = (await allRecords(store)).length;
    const error = await refused(() => call.execute(engine, throwingGetter(getKey('SUB-1', 'cmd-getter'), 'variant')));
    expect(pathsOf(error)).to.deep.equal(['variant']);
    expect(await allRecords(store)).to.have.length(before);
  });

  it('refuses a command that is a Proxy whose traps throw with InvalidCommand, writing nothing', async () => {
    const before = (await allRecords(store)).length;
    expect(pathsOf(await refused(() => call.execute(engine, throwingProxy())))).to.deep.equal(['type']);
    expect(await allRecords(store)).to.have.length(before);
  });

  it('refuses a subscription id holding a lone surrogate or a NUL before any store sees it', async () => {
    const before = (await allRecords(store)).length;
    for (const subscriptionId of ['u1\ud800b', 'SUB\u00001']) {
      const error = await refused(() => call.execute(engine, { ...purchase('SUB-2'), subscriptionId }));
      expect(pathsOf(error)).to.deep.equal(['subscriptionId']);
    }
    expect(await allRecords(store)).to.have.length(before);
  });

  it('refuses a query actor with a million roles at once, before any authorization', async () => {
    const roles = Array.from({ length: 1_000_000 }, () => 'AdminAgent');
    // The fastest of three: one garbage collection must not fail the bound.
    let ms = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const error = await refused(() => call.softwareList(engine, { ...admin, roles }, CUSTOMER));
      ms = Math.min(ms, performance.now() - started);
      expect(error.code === 'InvalidCommand' && error.errors).to.deep.equal([{ path: 'actor.roles', expected: 'list of at most 50 roles', found: 'a list of 1000000' }]);
    }
    expect(ms, `took ${ms.toFixed(1)} ms`).to.be.below(100);
  });

  it('refuses query actors whose getters or Proxy traps throw, naming actor', async () => {
    expect(pathsOf(await refused(() => call.softwareList(engine, throwingGetter(admin, 'roles'), CUSTOMER)))).to.deep.equal(['actor.roles']);
    expect(pathsOf(await refused(() => call.auditTrail(engine, throwingProxy())))).to.deep.equal(['actor.userId', 'actor.tenantId', 'actor.roles']);
    expect(pathsOf(await refused(() => call.refundEligibility(engine, throwingProxy(), 'SUB-1', new Date())))).to.deep.equal([
      'actor.userId',
      'actor.tenantId',
      'actor.roles',
    ]);
  });

  it('refuses a customer tenant id that is huge, not well-formed or not a string, without echoing it', async () => {
    for (const tenant of ['x'.repeat(10_000_000), `${CUSTOMER.slice(0, -1)}\ud800`, 42]) {
      const error = await refused(() => call.softwareList(engine, auditor, tenant));
      expect(pathsOf(error)).to.deep.equal(['customerTenantId']);
      expect(JSON.stringify(error).length).to.be.below(500);
    }
  });

  it('refuses a subscription id given to a query that an identifier may not hold, saying which character', async () => {
    const error = await refused(() => call.refundEligibility(engine, auditor, 'SUB\u001b[2J', new Date()));
    expect(error.code === 'InvalidCommand' && error.errors[0]).to.deep.include({ path: 'subscriptionId', found: 'a string holding U+001B (a control character) at index 3' });
    expect(pathsOf(await refused(() => call.refundEligibility(engine, auditor, 'u1\ud800b', new Date())))).to.deep.equal(['subscriptionId']);
  });

  it('refuses query options that throw when read, naming the option', async () => {
    expect(pathsOf(await refused(() => call.softwareList(engine, auditor, CUSTOMER, throwingGetter({}, 'asOf'))))).to.deep.equal(['options.asOf']);
    expect(pathsOf(await refused(() => call.auditTrail(engine, auditor, throwingProxy())))).to.deep.equal(['options.customerTenantId']);
    expect(pathsOf(await refused(() => call.auditTrail(engine, auditor, 'everything')))).to.deep.equal(['options']);
  });

  it('refuses ticket and refund-eligibility options that are not an object or throw when read, naming the option', async () => {
    for (const options of [null, 'open']) {
      expect(pathsOf(await refused(() => call.tickets(engine, auditor, options)))).to.deep.equal(['options']);
      expect(pathsOf(await refused(() => call.refundEligibility(engine, auditor, 'SUB-1', new Date(), options)))).to.deep.equal(['options']);
    }
    expect(pathsOf(await refused(() => call.tickets(engine, auditor, throwingGetter({}, 'status'))))).to.deep.equal(['options.status']);
    expect(pathsOf(await refused(() => call.refundEligibility(engine, auditor, 'SUB-1', new Date(), throwingGetter({}, 'partnerId'))))).to.deep.equal(['options.partnerId']);
  });

  it('refuses a ticket status or a partner id that is not one, quoting it display-safe', async () => {
    const status = await refused(() => call.tickets(engine, auditor, { status: 'open\u202e' }));
    expect(status.code === 'InvalidCommand' && status.errors).to.deep.equal([{ path: 'status', expected: 'one of open, completed, rejected', found: '"open\\u202e"' }]);
    const partner = await refused(() => call.refundEligibility(engine, auditor, 'SUB-1', new Date(), { partnerId: 'not-a-tenant' }));
    expect(pathsOf(partner)).to.deep.equal(['partnerId']);
  });

  it('refuses an instant that is a Proxy of a Date or throws when read', async () => {
    const proxied = new Proxy(new Date(), {});
    expect(pathsOf(await refused(() => call.refundEligibility(engine, auditor, 'SUB-1', proxied)))).to.deep.equal(['at']);
    expect(pathsOf(await refused(() => call.auditTrail(engine, auditor, { from: throwingProxy() })))).to.deep.equal(['from']);
  });

  it('still answers well-formed queries', async () => {
    const list = right(await call.softwareList(engine, auditor, CUSTOMER, { asOf: new Date('2030-01-01T00:00:00.000Z') }));
    expect(list.map((item) => item.subscriptionId)).to.deep.equal(['SUB-1']);
    const trail = right(await call.auditTrail(engine, auditor, { customerTenantId: CUSTOMER.toUpperCase() }));
    expect(trail.map((entry) => entry.subscriptionId)).to.deep.equal(['SUB-1']);
  });

  it("answers a store's refusal of a value as the InvalidCommand it is, never as StoreUnavailable", async () => {
    const inner = inMemoryStore();
    const refusing: EventStore = {
      ...inner,
      name: 'refusing',
      appendToStream: async () => E.left(valueRefused('refusing', 'events', 'values this store can keep', 'a value too large (test)')),
    };
    const other = createEngine({ store: refusing });
    const error = await refused(() => call.execute(other, purchase('SUB-9')));
    expect(error).to.deep.include({ code: 'InvalidCommand', refusedBy: 'refusing' });
    expect(right(await inner.readAll({ after: 0, limit: 10 }))).to.deep.equal([]);
  });
});
