import { expect } from 'chai';
import { pooledRandomBytes } from '../src/ports/random-pool.js';

describe('pooled random bytes', () => {
  it('hands out as many bytes as asked, in copies that later draws never overwrite', () => {
    const first = pooledRandomBytes(12);
    const kept = Buffer.from(first);
    for (let i = 0; i < 5000; i += 1) pooledRandomBytes(12);
    expect(first).to.have.length(12);
    expect(first.equals(kept)).to.equal(true);
  });

  it('never repeats a draw across many refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) seen.add(pooledRandomBytes(12).toString('hex'));
    expect(seen.size).to.equal(20_000);
  });

  it('serves a request larger than the pool from the CSPRNG directly', () => {
    const big = pooledRandomBytes(64 * 1024);
    expect(big).to.have.length(64 * 1024);
    expect(new Set(big).size).to.be.greaterThan(200);
  });
});
