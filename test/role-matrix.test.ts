import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { commandTypes, type Actor, type Command, type CommandType } from '@csp-onprem/domain';
import { createEngine, inMemoryStore, manualClock, type Engine, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import {
  aCancellationRequest,
  aCompletion,
  aDownload,
  aGetKey,
  aLinkCopy,
  anActor,
  aPurchase,
  aRejection,
  DEFAULT_INSTANT,
  ids,
  tenants,
  ticketIdAt,
  executeAsActor,
} from '@csp-onprem/testing';

/** The roles of DOMAIN.md, plus roles this library does not know and no role at all. */
const roles: Record<string, readonly string[]> = {
  AdminAgent: ['AdminAgent'],
  SalesAgent: ['SalesAgent'],
  HelpdeskAgent: ['HelpdeskAgent'],
  GlobalAdmin: ['GlobalAdmin'],
  Support: ['Support'],
  Auditor: ['Auditor'],
  'an unknown role (Reseller)': ['Reseller'],
  'a mis-cased role (adminagent)': ['adminagent'],
  'no role': [],
  'SalesAgent and AdminAgent': ['SalesAgent', 'AdminAgent'],
};

/** Where the actor's tenant stands relative to the purchase. */
const places = {
  'of the selling partner': tenants.sellingPartner,
  'of the customer': tenants.customer,
  'of another partner': tenants.otherPartner,
  'of another customer': tenants.otherCustomer,
} as const;
type Place = keyof typeof places;

/** DOMAIN.md's rule table, restated: who may issue each command. */
function mayIssue(roleList: readonly string[], place: Place, type: CommandType): boolean {
  const has = (role: string) => roleList.includes(role);
  const sellerAdmin = has('AdminAgent') && place === 'of the selling partner';
  const customerAdmin = has('GlobalAdmin') && place === 'of the customer';
  switch (type) {
    case 'PurchaseSoftware':
    case 'CopyDownloadLink':
    case 'RequestCancellation':
      return sellerAdmin;
    case 'GetKey':
    case 'DownloadSoftware':
      return sellerAdmin || customerAdmin;
    case 'CompleteCancellation':
    case 'RejectCancellation':
      return has('Support');
  }
}

/**
 * How a command the actor may not issue is refused: `Forbidden` when none of its roles could
 * ever issue it (or, for a purchase, when it buys for another partner); `UnknownPurchase` when
 * it holds such a role but is no party to the purchase, exactly as if the purchase did not
 * exist, so that no answer tells a stranger which subscriptions exist.
 */
function refusalOf(roleList: readonly string[], type: CommandType): 'Forbidden' | 'UnknownPurchase' {
  const has = (role: string) => roleList.includes(role);
  switch (type) {
    case 'PurchaseSoftware':
      return 'Forbidden';
    case 'GetKey':
    case 'DownloadSoftware':
      return has('AdminAgent') || has('GlobalAdmin') ? 'UnknownPurchase' : 'Forbidden';
    case 'CopyDownloadLink':
    case 'RequestCancellation':
      return has('AdminAgent') ? 'UnknownPurchase' : 'Forbidden';
    case 'CompleteCancellation':
    case 'RejectCancellation':
      return 'Forbidden';
  }
}

interface Setup {
  readonly store: EventStore;
  readonly engine: Engine;
}

/** A purchase with a key issued; for the support commands, with a cancellation ticket open. */
async function aPurchaseReadyFor(type: CommandType): Promise<Setup> {
  const store = inMemoryStore();
  const engine = createEngine({ store, clock: manualClock(DEFAULT_INSTANT).now });
  const setup: Command[] = [aPurchase(), aGetKey()];
  if (type === 'CompleteCancellation' || type === 'RejectCancellation') setup.push(aCancellationRequest());
  for (const command of setup) {
    const result = await executeAsActor(engine, command);
    if (E.isLeft(result)) expect.fail(`setup ${command.type} failed: ${result.left.message}`);
  }
  return { store, engine };
}

/** The command of each type, issued by `actor`, against the purchase set up for it. */
function commandOf(type: CommandType, actor: Actor): unknown {
  const ticket = ticketIdAt(3);
  switch (type) {
    case 'PurchaseSoftware':
      return aPurchase({ actor, subscriptionId: 'SUB-1001-2' });
    case 'GetKey':
      return aGetKey({ actor });
    case 'DownloadSoftware':
      return aDownload({ actor });
    case 'CopyDownloadLink':
      return aLinkCopy({ actor });
    case 'RequestCancellation':
      return aCancellationRequest({ actor });
    case 'CompleteCancellation':
      return aCompletion(ticket, { actor });
    case 'RejectCancellation':
      return aRejection(ticket, { actor });
  }
}

async function records(store: EventStore): Promise<StoredEvent[]> {
  const all = await store.readAll({ after: 0, limit: 10_000 });
  if (E.isLeft(all)) return expect.fail(all.left.message);
  return all.right;
}

describe('the role x command matrix', () => {
  for (const [roleName, roleList] of Object.entries(roles)) {
    for (const [place, tenantId] of Object.entries(places) as [Place, string][]) {
      for (const type of commandTypes) {
        const allowed = mayIssue(roleList, place, type);
        const refusal = refusalOf(roleList, type);
        const verdict = allowed ? 'lets' : refusal === 'Forbidden' ? 'forbids' : 'answers UnknownPurchase when';
        it(`${verdict} ${roleName} ${place} ${allowed ? '' : refusal === 'Forbidden' ? 'to ' : 'tries to '}${type}`.replace(/\s+/g, ' '), async () => {
          const { store, engine } = await aPurchaseReadyFor(type);
          const before = await records(store);
          const result = await executeAsActor(engine, commandOf(type, anActor(roleList, tenantId)));
          if (allowed) {
            if (E.isLeft(result)) return expect.fail(`expected ${type} to be allowed, got ${result.left.code}: ${result.left.message}`);
            expect(result.right.events).to.not.be.empty;
            expect(await records(store)).to.have.length(before.length + result.right.events.length);
          } else {
            if (E.isRight(result)) return expect.fail(`expected ${refusal}, but ${type} wrote ${result.right.events.map((e) => e.type).join(', ')}`);
            expect(result.left.code, result.left.message).to.equal(refusal);
            expect(result.left.message).to.include(refusal === 'Forbidden' ? type : `no purchase with subscription id ${ids.subscriptionId}`);
            expect(await records(store), 'nothing written').to.deep.equal(before);
          }
        });
      }
    }
  }
});

/** What a reader may see of the customer's purchase, by DOMAIN.md and the read rules. */
type Sight = 'sees it' | 'sees none of it' | 'Forbidden';

/** A reader that holds some read role but may not see the purchase is told it does not exist. */
function eligibilitySightOf(roleList: readonly string[], place: Place): 'sees it' | 'UnknownPurchase' | 'Forbidden' {
  if (sightOf(roleList, place) === 'sees it') return 'sees it';
  return ['Support', 'Auditor', 'GlobalAdmin', 'AdminAgent'].some((role) => roleList.includes(role)) ? 'UnknownPurchase' : 'Forbidden';
}

function sightOf(roleList: readonly string[], place: Place): Sight {
  const has = (role: string) => roleList.includes(role);
  if (has('Support') || has('Auditor')) return 'sees it';
  if (has('GlobalAdmin') && place === 'of the customer') return 'sees it';
  if (has('AdminAgent')) return place === 'of the selling partner' ? 'sees it' : 'sees none of it';
  return 'Forbidden';
}

describe('the role x read-model matrix', () => {
  let engine: Engine;

  before(async () => {
    const world = await aPurchaseReadyFor('CompleteCancellation');
    engine = world.engine;
  });

  for (const [roleName, roleList] of Object.entries(roles)) {
    for (const [place, tenantId] of Object.entries(places) as [Place, string][]) {
      const sight = sightOf(roleList, place);
      const actor = anActor(roleList, tenantId);

      it(`answers ${roleName} ${place} reading the customer's software list: ${sight}`, async () => {
        const list = await engine.as(actor).softwareList(tenants.customer);
        if (sight === 'Forbidden') return expect(E.isLeft(list) && list.left.code).to.equal('Forbidden');
        if (E.isLeft(list)) return expect.fail(`${list.left.code}: ${list.left.message}`);
        expect(list.right.map((item) => item.subscriptionId)).to.deep.equal(sight === 'sees it' ? [ids.subscriptionId] : []);
      });

      const eligibilitySight = eligibilitySightOf(roleList, place);
      it(`answers ${roleName} ${place} reading the purchase's refund eligibility: ${eligibilitySight}`, async () => {
        const eligibility = await engine.as(actor).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT);
        if (eligibilitySight !== 'sees it') return expect(E.isLeft(eligibility) && eligibility.left.code).to.equal(eligibilitySight);
        if (E.isLeft(eligibility)) return expect.fail(`${eligibility.left.code}: ${eligibility.left.message}`);
        expect(eligibility.right).to.include({ subscriptionId: ids.subscriptionId, reason: 'cancellation-pending' });
      });

      it(`answers ${roleName} ${place} reading the customer's audit trail: ${sight}`, async () => {
        const trail = await engine.as(actor).auditTrail({ customerTenantId: tenants.customer });
        if (sight === 'Forbidden') return expect(E.isLeft(trail) && trail.left.code).to.equal('Forbidden');
        if (E.isLeft(trail)) return expect.fail(`${trail.left.code}: ${trail.left.message}`);
        expect(trail.right.map((entry) => entry.type)).to.deep.equal(sight === 'sees it' ? ['Purchased', 'KeyIssued', 'CancelRequested'] : []);
      });
    }
  }

  it('refuses a GlobalAdmin the audit trail without naming its own tenant', async () => {
    const trail = await engine.as(anActor(['GlobalAdmin'], tenants.customer)).auditTrail();
    expect(E.isLeft(trail) && trail.left.code).to.equal('Forbidden');
  });
});

describe('tenant GUIDs compare without regard to case', () => {
  const upper = (tenantId: string) => tenantId.toUpperCase();

  it('lets the AdminAgent of the selling partner act with its tenant GUID in upper case', async () => {
    const { engine } = await aPurchaseReadyFor('DownloadSoftware');
    const result = await executeAsActor(engine, aDownload({ actor: anActor(['AdminAgent'], upper(tenants.sellingPartner)) }));
    expect(E.isRight(result), E.isLeft(result) ? result.left.message : '').to.equal(true);
  });

  it('lets the customer GlobalAdmin view a key and read its list with its tenant GUID in upper case', async () => {
    const { engine } = await aPurchaseReadyFor('GetKey');
    const actor = anActor(['GlobalAdmin'], upper(tenants.customer));
    const viewed = await executeAsActor(engine, aGetKey({ actor }));
    expect(E.isRight(viewed), E.isLeft(viewed) ? viewed.left.message : '').to.equal(true);
    const list = await engine.as(actor).softwareList(tenants.customer);
    expect(E.isRight(list) && list.right.map((item) => item.subscriptionId)).to.deep.equal([ids.subscriptionId]);
  });
});
