import { HASH_BYTES } from './hash-functions.js';

/**
 * A growable list of 32-byte hashes kept in one buffer: a million leaf hashes are 32 MB and
 * a handful of objects to the garbage collector, not a million small buffers.
 */
export class PackedHashes {
  private bytes: Uint8Array;
  private count = 0;

  /** An empty list with room for `capacity` hashes before it first grows. */
  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(Math.max(1, capacity) * HASH_BYTES);
  }

  /** A list holding the given hashes, in order. */
  static of(hashes: readonly Uint8Array[]): PackedHashes {
    const list = new PackedHashes(hashes.length);
    for (const h of hashes) list.push(h);
    return list;
  }

  /** How many hashes the list holds. */
  get length(): number {
    return this.count;
  }

  /** Appends one hash; anything but 32 bytes is a bug of the caller. */
  push(hash: Uint8Array): void {
    if (hash.length !== HASH_BYTES) throw new RangeError(`PackedHashes.push: a hash of ${hash.length} bytes`);
    if ((this.count + 1) * HASH_BYTES > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.count * HASH_BYTES);
    this.count += 1;
  }

  /** The hash at `index` (a view into the list, not a copy). */
  at(index: number): Uint8Array {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) throw new RangeError(`PackedHashes.at: no hash ${index} among ${this.count}`);
    return this.bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  }

  /** The first `count` hashes as one buffer of count x 32 bytes (a view, not a copy). */
  packed(count: number = this.count): Uint8Array {
    if (!Number.isInteger(count) || count < 0 || count > this.count) throw new RangeError(`PackedHashes.packed: ${count} of ${this.count} hashes`);
    return this.bytes.subarray(0, count * HASH_BYTES);
  }
}
