import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, errorCodes, type Actor } from '@csp-onprem/domain';
import { createEngine, decodeStoredEvent, inMemoryStore, manualClock, type Engine, type EventStore } from '@csp-onprem/engine';
import { propertyRuns } from './fast-check-options.js';
import { anythingArb, hugeStringArb, mutate, mutationArb, pollutingValueArb } from './malformed-arbitraries.js';
import { readAllRecords } from './store-records.js';
import { CUSTOMERS, PARTNERS, SCENARIO_START, supportActor } from './world.js';
import { executeAsActor } from '@csp-onprem/testing';

const partnerAdmin: Actor = { userId: 'adele@partner.example', tenantId: PARTNERS[0], roles: ['AdminAgent'] };
const customerAdmin: Actor = { userId: 'gary@customer.example', tenantId: CUSTOMERS[0].tenantId, roles: ['GlobalAdmin'] };
const variant = { version: '2024', language: 'en-us', bitness: '64-bit' };
const product = { productId: 'DG7GMGF0D3RK', skuId: '0002', title: 'Windows Server 2022 Standard', versions: ['2024', '2021'], languages: ['en-us'], bitness: ['64-bit'] };

function purchase(commandId: string, subscriptionId: string): Record<string, unknown> {
  return {
    type: 'PurchaseSoftware',
    commandId,
    actor: partnerAdmin,
    partnerId: PARTNERS[0],
    customer: { tenantId: CUSTOMERS[0].tenantId, domain: CUSTOMERS[0].domain },
    orderId: 'ORD-7001',
    subscriptionId,
    product,
    quantity: 3,
    unitPrice: { amount: 12_500, currency: 'USD' },
    cancellationPolicy: { windowDays: 60, creditPercent: 100 },
  };
}

const onVariant = (type: string, commandId: string, actor: Actor, subscriptionId = 'SUB-7001'): Record<string, unknown> => ({ type, commandId, actor, subscriptionId, variant });

function request(commandId: string, subscriptionId: string): Record<string, unknown> {
  return {
    type: 'RequestCancellation',
    commandId,
    actor: partnerAdmin,
    customer: { tenantId: CUSTOMERS[0].tenantId, domain: CUSTOMERS[0].domain },
    orderId: 'ORD-7001',
    subscriptionId,
    refundReason: 'Bought the wrong edition',
    requestedAmount: { amount: 37_500, currency: 'USD' },
    impact: 'Moderate',
    title: `Cancel ${subscriptionId}`,
    contact: { name: 'Adele Vance', email: 'adele@partner.example', phone: '+1 425 555 0100' },
    attachments: ['invoice.pdf'],
  };
}

/** The valid commands that set the store up: two order lines, a key, a download, a link and an open ticket. */
const setupCommands = [
  purchase('setup-buy-1', 'SUB-7001'),
  purchase('setup-buy-2', 'SUB-7002'),
  onVariant('GetKey', 'setup-key', partnerAdmin),
  onVariant('DownloadSoftware', 'setup-download', customerAdmin),
  onVariant('CopyDownloadLink', 'setup-link', partnerAdmin),
  request('setup-request', 'SUB-7002'),
];

/** One valid command of every type, each with its own command id: what the mutations start from. */
const templates: Record<string, unknown>[] = [
  purchase('mutant-buy', 'SUB-7003'),
  onVariant('GetKey', 'mutant-key', customerAdmin),
  onVariant('DownloadSoftware', 'mutant-download', partnerAdmin),
  onVariant('CopyDownloadLink', 'mutant-link', partnerAdmin),
  request('mutant-request', 'SUB-7001'),
  { type: 'CompleteCancellation', commandId: 'mutant-complete', actor: supportActor, subscriptionId: 'SUB-7002', ticketId: 'TKT-unknown' },
  { type: 'RejectCancellation', commandId: 'mutant-reject', actor: supportActor, subscriptionId: 'SUB-7002', ticketId: 'TKT-unknown', reason: 'Outside policy' },
];

const inputArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anythingArb },
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.nat(templates.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
      .map(([i, mutations]) => mutate(templates[i] ?? {}, mutations)),
  },
  { weight: 1, arbitrary: pollutingValueArb },
  {
    weight: 1,
    arbitrary: fc.nat(templates.length - 1).chain((i) =>
      fc.constantFrom<unknown>([templates[i]], JSON.stringify(templates[i]), Object.values(templates[i] ?? {}), new Map(Object.entries(templates[i] ?? {}))),
    ),
  },
);

describe('malformed input (10,000 random inputs into one engine)', function () {
  this.timeout(120_000);
  let store: EventStore;
  let engine: Engine;
  const setupEventIds: string[] = [];

  before(async () => {
    store = inMemoryStore();
    engine = createEngine({ store, clock: manualClock(SCENARIO_START).now });
    for (const command of setupCommands) {
      const result = await executeAsActor(engine, command);
      if (E.isLeft(result)) expect.fail(`setup command ${String(command.commandId)} failed: ${result.left.message}`);
      setupEventIds.push(...result.right.events.map((e) => e.eventId));
    }
  });

  it('never throws, refuses every input that is not a command with InvalidCommand naming its paths, and writes only valid events', async () => {
    const written = [...setupEventIds];
    const outcomes = { invalid: 0, refused: 0, accepted: 0 };
    let stored = (await readAllRecords(store)).length;
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const decodes = E.isRight(decodeCommand(input));
        let result: Awaited<ReturnType<Engine['executeTrusted']>>;
        try {
          result = await engine.executeTrusted(input);
        } catch (cause) {
          return expect.fail(`execute threw instead of returning an error value: ${String(cause)}`);
        }
        const after = (await readAllRecords(store)).length;
        if (E.isLeft(result)) {
          const error = result.left;
          expect(errorCodes, 'a known error code').to.include(error.code);
          expect(error.message).to.be.a('string').and.not.equal('');
          expect(after, `a refused input wrote events (${error.code})`).to.equal(stored);
          if (!decodes) expect(error.code, `input that does not decode: ${error.message}`).to.equal('InvalidCommand');
          if (error.code === 'InvalidCommand') {
            outcomes.invalid += 1;
            expect(error.errors.length, 'InvalidCommand names at least one path').to.be.greaterThan(0);
            for (const problem of error.errors) {
              expect(problem.path).to.be.a('string');
              expect(problem.expected).to.be.a('string').and.not.equal('');
              expect(problem.found.length, 'found is a summary, never the whole input').to.be.at.most(200);
            }
            expect(error.message.length, 'the message is bounded').to.be.below(8_000);
          } else {
            outcomes.refused += 1;
          }
          return;
        }
        // The mutation kept the command valid: it may write, but only events that decode.
        expect(decodes, 'only decodable input is accepted').to.equal(true);
        outcomes.accepted += 1;
        const fresh = result.right.replayed ? [] : result.right.events;
        expect(after).to.equal(stored + fresh.length);
        const records = await readAllRecords(store);
        for (const record of records.slice(stored)) {
          const decoded = decodeStoredEvent(record);
          expect(E.isRight(decoded), `an accepted command wrote an event that does not decode: ${E.isLeft(decoded) ? decoded.left : ''}`).to.equal(true);
        }
        written.push(...fresh.map((e) => e.eventId));
        stored = after;
      }),
      propertyRuns(10_000),
    );

    const records = await readAllRecords(store);
    expect(records.map((r) => r.eventId), 'the store holds the setup events and those of accepted inputs, nothing else').to.deep.equal(written);
    for (const record of records) expect(E.isRight(decodeStoredEvent(record)), `event ${record.position} decodes`).to.equal(true);
    const report = await engine.verify();
    expect(E.isRight(report) && report.right.ok, 'the log still verifies').to.equal(true);
    expect(Object.keys(Object.prototype), 'Object.prototype was not polluted').to.deep.equal([]);
    expect(({} as Record<string, unknown>).polluted, 'no object inherits a polluted field').to.equal(undefined);
    expect(outcomes.invalid, `most inputs are invalid (${JSON.stringify(outcomes)})`).to.be.greaterThan(outcomes.refused + outcomes.accepted);
  });

  it('never echoes a huge value back in an error: strings and big integers are summarised', async () => {
    const hugeArb = fc.oneof(
      hugeStringArb.filter((s) => s.length > 4_000),
      fc.integer({ min: 2_000, max: 4_000 }).map((digits) => BigInt(`1${'0'.repeat(digits)}`)),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(templates.length - 1), fc.nat(), hugeArb, async (i, at, huge) => {
        const input = mutate(templates[i] ?? {}, [{ kind: 'replace', at, value: huge }]);
        const result = await executeAsActor(engine, input);
        expect(E.isLeft(result), 'a huge value is refused').to.equal(true);
        if (E.isLeft(result)) expect(JSON.stringify(result.left).length, `the error of ${result.left.code} stays small`).to.be.below(2_000);
      }),
      propertyRuns(50),
    );
  });
});
