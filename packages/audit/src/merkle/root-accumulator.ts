import { EMPTY_TREE_ROOT, nodeHash } from './hash-functions.js';

/**
 * Computes an RFC 9162 root while leaves stream past, keeping only the roots of the perfect
 * subtrees seen so far (one per set bit of the count): O(log n) memory, n - 1 node hashes.
 */
export class RootAccumulator {
  // Roots of perfect subtrees of strictly decreasing sizes, left to right.
  private readonly roots: Uint8Array[] = [];
  private readonly sizes: number[] = [];
  private count = 0;

  /** How many leaves were added. */
  get size(): number {
    return this.count;
  }

  /** Adds the next leaf's hash. */
  push(leafHash: Uint8Array): void {
    let root = leafHash;
    let width = 1;
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === width) {
      this.sizes.pop();
      root = nodeHash(this.roots.pop() as Uint8Array, root);
      width *= 2;
    }
    this.roots.push(root);
    this.sizes.push(width);
    this.count += 1;
  }

  /**
   * The root of the leaves added so far. The perfect subtrees are the left parts of the RFC's
   * splits from the top down, so the root folds them from the right.
   */
  root(): Uint8Array {
    if (this.roots.length === 0) return EMPTY_TREE_ROOT;
    let root = this.roots[this.roots.length - 1] as Uint8Array;
    for (let i = this.roots.length - 2; i >= 0; i -= 1) root = nodeHash(this.roots[i] as Uint8Array, root);
    return root;
  }
}
