import { expect } from 'chai';
import type { WrappedDataKey } from '@csp-onprem/engine';
import { decodeSnapshot, EMPTY_SNAPSHOT, encodeSnapshot, kurrentdbStore, lookupIn, tenantOfKeyId, withLiveDestroyed } from '@csp-onprem/store-kurrentdb';

const TENANT = 'c0c0c0c0-0000-4000-8000-00000000000a';
const live: WrappedDataKey = { keyId: `${TENANT}/k1`, tenantId: TENANT, kekId: 'local:abc', wrapped: Uint8Array.from([1, 2, 3, 250]), createdAt: '2026-01-01T00:00:00.000Z' };

describe("a tenant's data-key snapshot in KurrentDB", () => {
  it('reads back exactly what it wrote, the wrapped key as base64 in the JSON', () => {
    const snapshot = { live, destroyed: [{ keyId: `${TENANT}/k0`, destroyedAt: '2025-12-01T00:00:00.000Z' }] };
    const data = encodeSnapshot(snapshot);
    expect(JSON.stringify(data)).to.include(Buffer.from(live.wrapped).toString('base64'));
    const back = decodeSnapshot(JSON.parse(JSON.stringify(data)));
    expect({ ...back, live: back.live === null ? null : { ...back.live, wrapped: [...back.live.wrapped] } }).to.deep.equal({ ...snapshot, live: { ...live, wrapped: [...live.wrapped] } });
    expect(decodeSnapshot(encodeSnapshot(EMPTY_SNAPSHOT))).to.deep.equal(EMPTY_SNAPSHOT);
  });

  it('refuses a snapshot of another format or shape in one line', () => {
    for (const bad of [null, { format: 2 }, { format: 1, live: { keyId: 'x' }, destroyed: [] }, { format: 1, live: null, destroyed: [{ keyId: 'x' }] }]) {
      expect(() => decodeSnapshot(bad)).to.throw(/a data-key snapshot/);
    }
  });

  it('says of a key id whether it is live, destroyed (and when) or unknown, and destroys the live key into an id', () => {
    const destroyed = withLiveDestroyed({ live, destroyed: [] }, '2026-02-02T00:00:00.000Z');
    expect(destroyed).to.deep.equal({ live: null, destroyed: [{ keyId: live.keyId, destroyedAt: '2026-02-02T00:00:00.000Z' }] });
    expect(lookupIn({ live, destroyed: [] }, live.keyId)).to.deep.include({ kind: 'live' });
    expect(lookupIn(destroyed, live.keyId)).to.deep.equal({ kind: 'destroyed', destroyedAt: '2026-02-02T00:00:00.000Z' });
    expect(lookupIn(destroyed, `${TENANT}/other`)).to.deep.equal({ kind: 'unknown' });
    expect(withLiveDestroyed(EMPTY_SNAPSHOT, '2026-02-02T00:00:00.000Z')).to.equal(EMPTY_SNAPSHOT);
  });

  it('finds the tenant of a key id before its slash, and none without one', () => {
    expect(tenantOfKeyId(`${TENANT}/k1`)).to.equal(TENANT);
    expect(tenantOfKeyId('no-slash')).to.equal(undefined);
  });

  it('refuses a data-key stream prefix that overlaps the purchase streams\' prefix, so readAll never shows a snapshot', () => {
    const connectionString = 'kurrentdb://127.0.0.1:1?tls=false';
    expect(() => kurrentdbStore({ connectionString, streamPrefix: 'csp-', dataKeyStreamPrefix: 'csp-datakeys-' })).to.throw(RangeError, /overlaps streamPrefix/);
    expect(() => kurrentdbStore({ connectionString, streamPrefix: 'contract-', dataKeyStreamPrefix: 'datakeys-contract-' })).to.not.throw();
  });
});
