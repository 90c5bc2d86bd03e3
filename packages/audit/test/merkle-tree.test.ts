import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import {
  EMPTY_TREE_ROOT,
  PackedHashes,
  RootAccumulator,
  consistencyPath,
  inclusionPath,
  leafHash,
  merkleTree,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from '@csp-onprem/audit';

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

/** MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it, recursively, from the leaf data. */
function naiveRoot(data: readonly Uint8Array[]): Uint8Array {
  if (data.length === 0) return sha256();
  if (data.length === 1) return sha256(Uint8Array.of(0), data[0] as Uint8Array);
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha256(Uint8Array.of(1), naiveRoot(data.slice(0, k)), naiveRoot(data.slice(k)));
}

const leafData = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const flipped = (b: Uint8Array, bit = 0): Uint8Array => {
  const copy = Uint8Array.from(b);
  copy[0] = (copy[0] as number) ^ (1 << bit);
  return copy;
};

describe('an RFC 9162 Merkle tree', () => {
  it('has the root of the empty tree: SHA-256 of nothing', () => {
    expect(hex(EMPTY_TREE_ROOT)).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(merkleTree([]).root())).to.equal(hex(EMPTY_TREE_ROOT));
    expect(hex(new RootAccumulator().root())).to.equal(hex(EMPTY_TREE_ROOT));
  });

  it('splits at the largest power of two smaller than the size (the odd-leaf rule)', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 17].map(splitPoint)).to.deep.equal([1, 2, 2, 4, 4, 4, 4, 8, 16]);
    const [a, b, c, d, e] = leafData(5).map(leafHash) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const node = (l: Uint8Array, r: Uint8Array) => sha256(Uint8Array.of(1), l, r);
    // The fifth leaf is neither duplicated nor paired with itself: it joins at the top.
    expect(hex(merkleTree([a, b, c, d, e]).root())).to.equal(hex(node(node(node(a, b), node(c, d)), e)));
  });

  it('has, for every size from 0 to 130, the root of the recursive definition, built whole or leaf by leaf', () => {
    const data = leafData(130);
    const accumulator = new RootAccumulator();
    for (let n = 0; n <= 130; n += 1) {
      const hashes = data.slice(0, n).map(leafHash);
      const want = hex(naiveRoot(data.slice(0, n)));
      expect(hex(merkleTree(hashes).root()), `size ${n}`).to.equal(want);
      expect(hex(accumulator.root()), `size ${n}, streamed`).to.equal(want);
      if (n < 130) accumulator.push(leafHash(data[n] as Uint8Array));
    }
  });

  it('gives every subtree root of the recursive definition', () => {
    const data = leafData(23);
    const tree = merkleTree(data.map(leafHash));
    for (let start = 0; start < 23; start += 1) {
      for (let end = start + 1; end <= 23; end += 1) {
        expect(hex(tree.subtreeRoot(start, end)), `[${start}, ${end})`).to.equal(hex(naiveRoot(data.slice(start, end))));
      }
    }
  });

  it('proves every leaf of every tree of 1 to 64 leaves, with paths that verify', () => {
    const hashes = leafData(64).map(leafHash);
    const tree = merkleTree(hashes);
    for (let n = 1; n <= 64; n += 1) {
      const root = merkleTree(hashes.slice(0, n)).root();
      for (let i = 0; i < n; i += 1) {
        const path = E.getOrElseW(() => [] as Uint8Array[])(inclusionPath(tree, i, n));
        const verdict = verifyInclusion({ leafIndex: i, treeSize: n, leafHash: hashes[i] as Uint8Array, path, root });
        expect(verdict, `leaf ${i} of ${n}`).to.deep.equal(E.right(undefined));
        // The same path does not prove another leaf there, nor this leaf elsewhere.
        if (n > 1) {
          expect(E.isLeft(verifyInclusion({ leafIndex: i, treeSize: n, leafHash: hashes[(i + 1) % n] as Uint8Array, path, root })), `other leaf at ${i} of ${n}`).to.equal(true);
          expect(E.isLeft(verifyInclusion({ leafIndex: (i + 1) % n, treeSize: n, leafHash: hashes[i] as Uint8Array, path, root })), `leaf ${i} at another index of ${n}`).to.equal(true);
        }
      }
    }
  });

  it('proves that every tree of 1 to 64 leaves extends each of its prefixes, with proofs that verify', () => {
    const hashes = leafData(64).map(leafHash);
    const tree = merkleTree(hashes);
    const roots = Array.from({ length: 65 }, (_, n) => merkleTree(hashes.slice(0, n)).root());
    for (let n = 1; n <= 64; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const path = E.getOrElseW(() => [] as Uint8Array[])(consistencyPath(tree, m, n));
        const claim = { olderSize: m, newerSize: n, olderRoot: roots[m] as Uint8Array, newerRoot: roots[n] as Uint8Array, path };
        expect(verifyConsistency(claim), `${m} to ${n}`).to.deep.equal(E.right(undefined));
        if (m < n) {
          expect(E.isLeft(verifyConsistency({ ...claim, olderRoot: roots[m - 1] as Uint8Array })), `${m} to ${n}, older root of ${m - 1}`).to.equal(true);
          expect(E.isLeft(verifyConsistency({ ...claim, newerRoot: roots[n - 1] as Uint8Array })), `${m} to ${n}, newer root of ${n - 1}`).to.equal(true);
        }
      }
    }
  });

  it('refuses to prove a leaf outside the tree, or consistency from the empty tree', () => {
    const tree = merkleTree(leafData(4).map(leafHash));
    expect(E.isLeft(inclusionPath(tree, 4))).to.equal(true);
    expect(E.isLeft(inclusionPath(tree, 0, 5))).to.equal(true);
    expect(E.isLeft(consistencyPath(tree, 0, 4))).to.equal(true);
    expect(E.isLeft(consistencyPath(tree, 3, 2))).to.equal(true);
    expect(consistencyPath(tree, 4, 4)).to.deep.equal(E.right([]));
  });

  it('keeps leaf hashes packed, growing as they come', () => {
    const list = new PackedHashes(1);
    const hashes = leafData(100).map(leafHash);
    for (const h of hashes) list.push(h);
    expect(list.length).to.equal(100);
    expect(hex(list.at(99))).to.equal(hex(hashes[99] as Uint8Array));
    expect(hex(merkleTree(list).root())).to.equal(hex(merkleTree(hashes).root()));
    expect(() => list.push(new Uint8Array(31))).to.throw(RangeError);
  });
});

describe('an inclusion proof', () => {
  const hashes = leafData(13).map(leafHash);
  const tree = merkleTree(hashes);
  const path = E.getOrElseW(() => [] as Uint8Array[])(inclusionPath(tree, 5));
  const claim = { leafIndex: 5, treeSize: 13, leafHash: hashes[5] as Uint8Array, path, root: tree.root() };

  it('holds as generated', () => {
    expect(verifyInclusion(claim)).to.deep.equal(E.right(undefined));
  });

  it('refuses a proof whose first hash was flipped', () => {
    expect(verifyInclusion({ ...claim, path: [flipped(path[0] as Uint8Array), ...path.slice(1)] })).to.deep.equal(
      E.left('the path does not lead to the root: the leaf is not in this tree, or the proof was changed'),
    );
  });

  it('refuses a truncated path and one with a hash too many', () => {
    expect(verifyInclusion({ ...claim, path: path.slice(0, -1) })).to.deep.equal(E.left('the path has fewer hashes than a tree of 13 leaves needs for leaf 5'));
    expect(verifyInclusion({ ...claim, path: [...path, path[0] as Uint8Array] })).to.deep.equal(E.left('the path has more hashes than a tree of 13 leaves needs for leaf 5'));
  });

  it('refuses a hash cut short and a leaf index past 2^53', () => {
    expect(verifyInclusion({ ...claim, path: [(path[0] as Uint8Array).subarray(0, 31), ...path.slice(1)] })).to.deep.equal(E.left('hash 1 of the path has 31 bytes, not 32'));
    expect(E.isLeft(verifyInclusion({ ...claim, leafIndex: 2 ** 64 - 1 }))).to.equal(true);
  });
});

describe('a consistency proof', () => {
  const hashes = leafData(21).map(leafHash);
  const tree = merkleTree(hashes);
  const path = E.getOrElseW(() => [] as Uint8Array[])(consistencyPath(tree, 7, 21));
  const claim = { olderSize: 7, newerSize: 21, olderRoot: merkleTree(hashes.slice(0, 7)).root(), newerRoot: tree.root(), path };

  it('holds as generated', () => {
    expect(verifyConsistency(claim)).to.deep.equal(E.right(undefined));
  });

  it('refuses a proof whose first hash was flipped', () => {
    expect(E.isLeft(verifyConsistency({ ...claim, path: [flipped(path[0] as Uint8Array), ...path.slice(1)] }))).to.equal(true);
  });

  it('refuses a truncated proof', () => {
    expect(verifyConsistency({ ...claim, path: path.slice(0, -1) })).to.deep.equal(E.left('the proof has fewer hashes than trees of 7 and 21 leaves need'));
  });

  it('refuses a newer tree whose earlier leaves differ', () => {
    const changed = [...hashes];
    changed[3] = leafHash(Buffer.from('rewritten'));
    const other = merkleTree(changed);
    const otherPath = E.getOrElseW(() => [] as Uint8Array[])(consistencyPath(other, 7, 21));
    expect(verifyConsistency({ ...claim, newerRoot: other.root(), path: otherPath })).to.deep.equal(
      E.left('the proof does not lead to the older root: the older tree is not a prefix of the newer one, or the proof was changed'),
    );
  });

  it('refuses trees that shrank and proofs from the empty tree', () => {
    expect(verifyConsistency({ ...claim, olderSize: 22 })).to.deep.equal(E.left('the newer tree (21 leaves) is smaller than the older one (22 leaves)'));
    expect(E.isLeft(verifyConsistency({ ...claim, olderSize: 0, path: [] }))).to.equal(true);
  });
});
