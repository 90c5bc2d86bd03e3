/**
 * The shape of an RFC 9162 tree (§2.1.1), and so its "odd-leaf rule": a tree of n > 1 leaves
 * is split into a left subtree of the first k leaves and a right subtree of the other n - k,
 * where k is the largest power of two smaller than n. The left subtree is therefore always
 * perfect (2^m leaves) and the right one holds whatever is left over; a leaf without a
 * partner is never duplicated or hashed with itself, it simply joins the tree higher up.
 * With 5 leaves: root = node(node(node(d0, d1), node(d2, d3)), d4).
 */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`splitPoint: a tree of ${n} leaves has no split`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether n is 1, 2, 4, 8, ...: the size of a perfect subtree. */
export function isPowerOfTwo(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** The number of levels above the leaves of a perfect subtree of `n` (a power of two) leaves. */
export function log2OfPowerOfTwo(n: number): number {
  let level = 0;
  for (let k = 1; k < n; k *= 2) level += 1;
  return level;
}

/** Whether a tree size or a leaf index can be computed with exactly: a whole number from 0 to 2^53 - 1. */
export function isTreeNumber(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** Whether the lowest bit of a tree number is set (RFC 9162's LSB). */
export const isOdd = (n: number): boolean => n % 2 === 1;

/** A tree number shifted right by one; tree numbers go up to 2^53 - 1, beyond the 32 bits JavaScript's shift operators keep. */
export const half = (n: number): number => Math.floor(n / 2);
