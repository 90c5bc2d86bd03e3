/// <reference types="mocha" />
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { DataKeyStore, WrappedDataKey } from '@csp-onprem/engine';
import { right } from './contract-helpers.js';

/** How the data-key contract reaches a store: what to open before each test, and how to close it. */
export interface DataKeyStoreUnderTest {
  readonly dataKeys: DataKeyStore;
  /** Releases the store; the suite calls it after each test. */
  close(): Promise<void>;
}

/** Options of {@link describeDataKeyStoreContract}. */
export interface DataKeyStoreContractOptions {
  /** For durable stores: a second, independent handle on the same storage, to prove keys outlive the handle that kept them. */
  readonly openAgain?: () => Promise<DataKeyStoreUnderTest>;
}

/** A fresh tenant id, so that tests also run on a store holding other tenants' keys. */
function aTenant(): string {
  return randomUUID();
}

/** A wrapped key as a key vault would offer it: random bytes standing for the wrapping. */
function aWrappedKey(tenantId: string, kekId = 'kek-a'): WrappedDataKey {
  return { keyId: `${tenantId}/${randomUUID()}`, tenantId, kekId, wrapped: new Uint8Array(randomBytes(61)), createdAt: new Date().toISOString() };
}

function plain(key: WrappedDataKey | undefined): unknown {
  return key === undefined ? undefined : { ...key, wrapped: Buffer.from(key.wrapped).toString('base64') };
}

/**
 * Registers mocha tests proving that a store's `DataKeyStore` keeps the port's promises: one
 * live data key per tenant, kept exactly and atomically (the first of racing creates wins and
 * every racer is answered it), compare-and-set rewrapping, a paged listing, and destruction
 * that leaves only the key ids behind. `open` is called before each test.
 */
export function describeDataKeyStoreContract(name: string, open: () => Promise<DataKeyStoreUnderTest>, options: DataKeyStoreContractOptions = {}): void {
  describe(`DataKeyStore contract: ${name}`, () => {
    let store: DataKeyStoreUnderTest;
    let keys: DataKeyStore;

    beforeEach(async () => {
      store = await open();
      keys = store.dataKeys;
    });
    afterEach(async () => {
      await store.close();
    });

    it('knows no data key of a tenant that never had one, and no key by an id never kept', async () => {
      const tenant = aTenant();
      expect(right(await keys.forTenant(tenant))).to.equal(undefined);
      expect(right(await keys.byId(`${tenant}/never`))).to.deep.equal({ kind: 'unknown' });
    });

    it("keeps a tenant's first data key exactly, and gives it back by tenant and by id", async () => {
      const tenant = aTenant();
      const key = aWrappedKey(tenant);
      expect(plain(right(await keys.create(key)))).to.deep.equal(plain(key));
      expect(plain(right(await keys.forTenant(tenant)))).to.deep.equal(plain(key));
      const byId = right(await keys.byId(key.keyId));
      expect(byId.kind).to.equal('live');
      expect(byId.kind === 'live' ? plain(byId.key) : undefined).to.deep.equal(plain(key));
    });

    it('keeps the first data key of a tenant when another is offered, and answers the first', async () => {
      const tenant = aTenant();
      const first = aWrappedKey(tenant);
      right(await keys.create(first));
      const second = aWrappedKey(tenant);
      expect(plain(right(await keys.create(second)))).to.deep.equal(plain(first));
      expect(right(await keys.byId(second.keyId))).to.deep.equal({ kind: 'unknown' });
    });

    it('lets exactly one of many racing creates for a tenant win, and answers every racer that one', async () => {
      const tenant = aTenant();
      const offered = Array.from({ length: 8 }, () => aWrappedKey(tenant));
      const answers = await Promise.all(offered.map((key) => keys.create(key)));
      const winners = new Set(answers.map((answer) => right(answer).keyId));
      expect(winners.size).to.equal(1);
      const [winner] = [...winners];
      expect(offered.map((key) => key.keyId)).to.include(winner);
      expect(right(await keys.forTenant(tenant))?.keyId).to.equal(winner);
    });

    it('rewraps a key only from the key-encryption key it is wrapped under', async () => {
      const tenant = aTenant();
      const key = aWrappedKey(tenant, 'kek-a');
      right(await keys.create(key));
      const rewrapped = new Uint8Array(randomBytes(61));
      expect(right(await keys.rewrap(key.keyId, 'kek-b', { kekId: 'kek-c', wrapped: rewrapped }))).to.equal(false);
      expect(right(await keys.forTenant(tenant))?.kekId).to.equal('kek-a');
      expect(right(await keys.rewrap(key.keyId, 'kek-a', { kekId: 'kek-b', wrapped: rewrapped }))).to.equal(true);
      expect(plain(right(await keys.forTenant(tenant)))).to.deep.equal(plain({ ...key, kekId: 'kek-b', wrapped: rewrapped }));
      expect(right(await keys.rewrap(key.keyId, 'kek-a', { kekId: 'kek-c', wrapped: rewrapped })), 'a second rotation from the old KEK finds nothing').to.equal(false);
      expect(right(await keys.rewrap(`${tenant}/gone`, 'kek-b', { kekId: 'kek-c', wrapped: rewrapped }))).to.equal(false);
    });

    it('lists live data keys in key id order, page after page', async () => {
      const mine = Array.from({ length: 5 }, () => aWrappedKey(aTenant()));
      for (const key of mine) right(await keys.create(key));
      const seen: WrappedDataKey[] = [];
      for (let after: string | undefined; ; ) {
        const page = right(await keys.list(after, 2));
        seen.push(...page);
        const last = page[page.length - 1];
        if (last === undefined) break;
        after = last.keyId;
      }
      const ids = seen.map((key) => key.keyId);
      expect(ids).to.deep.equal([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(ids).size, 'no key listed twice').to.equal(ids.length);
      expect(ids).to.include.members(mine.map((key) => key.keyId));
    });

    it("destroys every data key of a tenant, keeping only its id as destroyed, and leaves other tenants' keys alone", async () => {
      const [tenant, other] = [aTenant(), aTenant()];
      const doomed = aWrappedKey(tenant);
      const kept = aWrappedKey(other);
      right(await keys.create(doomed));
      right(await keys.create(kept));
      const at = new Date().toISOString();
      expect(right(await keys.destroyTenant(tenant, at))).to.deep.equal([doomed.keyId]);
      expect(right(await keys.forTenant(tenant))).to.equal(undefined);
      expect(right(await keys.byId(doomed.keyId))).to.deep.equal({ kind: 'destroyed', destroyedAt: at });
      expect(right(await keys.list(undefined, 1_000_000)).map((key) => key.keyId)).to.not.include(doomed.keyId);
      expect(plain(right(await keys.forTenant(other)))).to.deep.equal(plain(kept));
      expect(right(await keys.destroyTenant(tenant, at)), 'destroying again finds nothing').to.deep.equal([]);
      const fresh = aWrappedKey(tenant);
      expect(right(await keys.create(fresh)).keyId, 'a forgotten tenant may get a new data key').to.equal(fresh.keyId);
      expect(right(await keys.byId(doomed.keyId))).to.deep.equal({ kind: 'destroyed', destroyedAt: at });
    });

    it('hands out copies: changing the bytes it answered changes nothing it keeps', async () => {
      const tenant = aTenant();
      const key = aWrappedKey(tenant);
      const kept = plain(key);
      right(await keys.create(key));
      key.wrapped.fill(0);
      right(await keys.forTenant(tenant))?.wrapped.fill(0);
      expect(plain(right(await keys.forTenant(tenant)))).to.deep.equal(kept);
    });

    if (options.openAgain !== undefined) {
      const openAgain = options.openAgain;
      it('keeps data keys, and what was destroyed, for another handle on the same storage', async () => {
        const [tenant, gone] = [aTenant(), aTenant()];
        const key = aWrappedKey(tenant);
        const doomed = aWrappedKey(gone);
        right(await keys.create(key));
        right(await keys.create(doomed));
        right(await keys.destroyTenant(gone, '2026-01-01T00:00:00.000Z'));
        const again = await openAgain();
        try {
          expect(plain(right(await again.dataKeys.forTenant(tenant)))).to.deep.equal(plain(key));
          expect(right(await again.dataKeys.byId(doomed.keyId))).to.deep.equal({ kind: 'destroyed', destroyedAt: '2026-01-01T00:00:00.000Z' });
          expect(plain(right(await again.dataKeys.create(aWrappedKey(tenant))))).to.deep.equal(plain(key));
        } finally {
          await again.close();
        }
      });
    }
  });
}
