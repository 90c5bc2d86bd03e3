import { expect } from 'chai';
import { canonicalJson, GENESIS_HASH, recordHash, sortedKeys } from '@csp-onprem/engine';

const record = {
  eventId: 'e-1',
  streamId: 'csp-software-s1',
  version: 1,
  type: 'Downloaded',
  data: { variant: { version: '2019', language: 'en-us', bitness: '64-bit' } },
  meta: { occurredAt: '2026-01-01T00:00:00.000Z', commandId: 'c1' },
  prevHash: GENESIS_HASH,
};

describe('canonical JSON and record hashes', () => {
  it('writes the same bytes whatever the order of object keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).to.equal('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('refuses numbers JSON cannot represent exactly', () => {
    expect(() => canonicalJson({ amount: Number.NaN })).to.throw(TypeError);
    expect(() => canonicalJson(Infinity)).to.throw(TypeError);
  });

  it('gives a 64-hex-digit SHA-256 that does not depend on key order', () => {
    const reordered = { ...record, meta: { commandId: 'c1', occurredAt: '2026-01-01T00:00:00.000Z' } };
    expect(recordHash(record)).to.match(/^[0-9a-f]{64}$/).and.to.equal(recordHash(reordered));
  });

  it('changes when any hashed field or the previous hash changes', () => {
    const base = recordHash(record);
    const variants = [
      { ...record, eventId: 'e-2' },
      { ...record, streamId: 'csp-software-s2' },
      { ...record, version: 2 },
      { ...record, type: 'LinkCopied' },
      { ...record, data: { variant: { ...record.data.variant, bitness: '32-bit' } } },
      { ...record, meta: { ...record.meta, occurredAt: '2026-01-01T00:00:00.001Z' } },
      { ...record, prevHash: '1'.repeat(64) },
    ];
    for (const changed of variants) expect(recordHash(changed)).not.to.equal(base);
  });
});

describe('canonical JSON of records written with sorted keys', () => {
  it('is the same whether the keys arrive sorted or not', () => {
    const value = { meta: { b: [1, { y: 'é', x: null }], a: true }, data: { amount: 1e21, note: 'line\nbreak "quoted"' } };
    expect(canonicalJson(sortedKeys(value))).to.equal(canonicalJson(value));
    expect(canonicalJson(value)).to.equal('{"data":{"amount":1e+21,"note":"line\\nbreak \\"quoted\\""},"meta":{"a":true,"b":[1,{"x":null,"y":"é"}]}}');
  });

  it('drops undefined members and refuses non-finite numbers on both paths', () => {
    expect(canonicalJson(sortedKeys({ a: 1, b: undefined }))).to.equal('{"a":1}');
    expect(canonicalJson({ b: 1, a: undefined })).to.equal('{"b":1}');
    expect(() => canonicalJson(sortedKeys({ a: Number.POSITIVE_INFINITY }))).to.throw(TypeError);
  });

  it('treats integer-like keys by string order, not by the order objects list them', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b' })).to.equal('{"10":"a","9":"b"}');
  });
});
