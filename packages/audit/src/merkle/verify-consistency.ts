import * as E from 'fp-ts/lib/Either.js';
import { HASH_BYTES, nodeHash, sameHash } from './hash-functions.js';
import { half, isOdd, isPowerOfTwo, isTreeNumber } from './tree-shape.js';

/** What a consistency proof claims: the tree of `olderSize` leaves with root `olderRoot` is a prefix of the tree of `newerSize` leaves with root `newerRoot`. */
export interface ConsistencyClaim {
  readonly olderSize: number;
  readonly newerSize: number;
  readonly olderRoot: Uint8Array;
  readonly newerRoot: Uint8Array;
  /** The consistency path as RFC 9162 §2.1.4.1 builds it. */
  readonly path: readonly Uint8Array[];
}


/**
 * Checks a consistency proof exactly as RFC 9162 §2.1.4.2 says for 0 < older < newer. Around
 * it: a newer tree smaller than the older one, or an older tree of 0 leaves (every tree
 * extends the empty one: such a "proof" proves nothing), are refused; equal sizes need an
 * empty path and byte-equal roots (compared as given, like the reference verifier of
 * transparency-dev/merkle). Right(undefined) when the proof holds, else Left in words.
 */
export function verifyConsistency(claim: ConsistencyClaim): E.Either<string, void> {
  const { olderSize: first, newerSize: second, olderRoot, newerRoot, path } = claim;
  if (!isTreeNumber(first) || !isTreeNumber(second)) return E.left('a tree size is not a whole number from 0 to 2^53 - 1');
  if (first > second) return E.left(`the newer tree (${second} leaves) is smaller than the older one (${first} leaves)`);
  if (first === 0) return E.left('the older tree is empty: every tree extends it, so a proof from it proves nothing');
  if (first === second) {
    if (path.length > 0) return E.left(`the trees have the same size (${first} leaves), yet the proof is not empty`);
    return sameHash(olderRoot, newerRoot) ? E.right(undefined) : E.left(`the trees have the same size (${first} leaves) but different roots`);
  }
  // Step 1.
  if (path.length === 0) return E.left('the proof is empty');
  if (olderRoot.length !== HASH_BYTES) return E.left(`the older root has ${olderRoot.length} bytes, not ${HASH_BYTES}`);
  if (newerRoot.length !== HASH_BYTES) return E.left(`the newer root has ${newerRoot.length} bytes, not ${HASH_BYTES}`);
  const short = path.findIndex((p) => p.length !== HASH_BYTES);
  if (short >= 0) return E.left(`hash ${short + 1} of the proof has ${(path[short] as Uint8Array).length} bytes, not ${HASH_BYTES}`);
  // Step 2.
  const hashes = isPowerOfTwo(first) ? [olderRoot, ...path] : [...path];
  // Step 3.
  let fn = first - 1;
  let sn = second - 1;
  // Step 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  let fr = hashes[0] as Uint8Array;
  let sr = fr;
  // Step 6.
  for (const c of hashes.slice(1)) {
    if (sn === 0) return E.left(`the proof has more hashes than trees of ${first} and ${second} leaves need`);
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      // Until LSB(fn) is set or fn is 0 (a loop that does nothing when it is set already).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  if (sn !== 0) return E.left(`the proof has fewer hashes than trees of ${first} and ${second} leaves need`);
  if (!sameHash(fr, olderRoot)) return E.left('the proof does not lead to the older root: the older tree is not a prefix of the newer one, or the proof was changed');
  if (!sameHash(sr, newerRoot)) return E.left('the proof does not lead to the newer root: the newer tree does not extend the older one, or the proof was changed');
  return E.right(undefined);
}
