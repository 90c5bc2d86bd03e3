/** Default size of the chunks of a {@link PackedLog} once it has grown: 8 MiB. */
const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

/** The first chunk is small so that a short-lived log (one per test) holds little memory. */
const FIRST_CHUNK_BYTES = 64 * 1024;

const INITIAL_CAPACITY = 1024;
/** Byte offsets are kept in a Uint32Array; no JS string is long enough to need more. */
const MAX_CHUNK_BYTES = 0xffff_ffff;

/** Options for a {@link PackedLog}. */
export interface PackedLogOptions {
  /**
   * The size chunks grow to: the first chunk is 64 KiB (or this, if smaller) and each next one
   * doubles up to this size. A text larger than a chunk gets a chunk of its own size.
   * Default 8 MiB.
   */
  readonly chunkBytes?: number;
}

/**
 * An append-only list of texts kept as UTF-8 in large `Buffer` chunks outside the V8 heap.
 * Each text is addressed by its 1-based position; per text only three numbers are kept, in
 * typed arrays, so a log of a million 1 KB texts is about a hundred `Buffer`s to the garbage
 * collector. Texts come back exactly as appended, provided they are well-formed UTF-16
 * (as `JSON.stringify` output always is): a lone surrogate would come back as U+FFFD.
 */
export class PackedLog {
  private readonly chunkBytes: number;
  private nextChunkBytes: number;
  /** The chunk being filled and how many of its bytes are used. */
  private current: Buffer = Buffer.alloc(0);
  private used = 0;
  /** Starts with the empty chunk, so that even an empty first text has a chunk to point at. */
  private readonly chunks: Buffer[] = [this.current];
  private count = 0;
  /** Per text, indexed by position - 1: its chunk, byte offset in that chunk, and byte length. */
  private chunkOf = new Uint32Array(INITIAL_CAPACITY);
  private offsetOf = new Uint32Array(INITIAL_CAPACITY);
  private lengthOf = new Uint32Array(INITIAL_CAPACITY);

  /** Creates an empty log; `chunkBytes` is mostly for tests that cross chunk boundaries. */
  constructor(options: PackedLogOptions = {}) {
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!Number.isInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
      throw new RangeError(`PackedLog: chunkBytes must be an integer from 1 to ${MAX_CHUNK_BYTES}, got ${chunkBytes}`);
    }
    this.chunkBytes = chunkBytes;
    this.nextChunkBytes = Math.min(FIRST_CHUNK_BYTES, chunkBytes);
  }

  /** How many texts the log holds; also the position of the last one. */
  get length(): number {
    return this.count;
  }

  /** Appends a text and returns its position: 1 for the first text, then 2, 3, … with no gaps. */
  append(text: string): number {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.current.length - this.used) {
      this.current = Buffer.allocUnsafe(Math.max(this.nextChunkBytes, bytes));
      this.nextChunkBytes = Math.min(this.nextChunkBytes * 2, this.chunkBytes);
      this.chunks.push(this.current);
      this.used = 0;
    }
    // Text whose UTF-8 is as long as it is is ASCII, and Latin-1 writes ASCII as the same bytes
    // about four times faster than the UTF-8 encoder (JSON text is nearly always ASCII).
    const written = this.current.write(text, this.used, bytes, bytes === text.length ? 'latin1' : 'utf8');
    if (this.count === this.lengthOf.length) this.grow();
    this.chunkOf[this.count] = this.chunks.length - 1;
    this.offsetOf[this.count] = this.used;
    this.lengthOf[this.count] = written;
    this.used += written;
    this.count += 1;
    return this.count;
  }

  /**
   * The text at a position.
   * @throws RangeError when the position is not an integer from 1 to {@link PackedLog.length}.
   */
  at(position: number): string {
    if (!Number.isInteger(position) || position < 1 || position > this.count) {
      throw new RangeError(`PackedLog: no text at position ${position} (the log holds ${this.count})`);
    }
    const index = position - 1;
    const start = this.offsetOf[index] as number;
    return (this.chunks[this.chunkOf[index] as number] as Buffer).toString('utf8', start, start + (this.lengthOf[index] as number));
  }

  private grow(): void {
    const capacity = this.lengthOf.length * 2;
    const widen = (from: Uint32Array) => {
      const to = new Uint32Array(capacity);
      to.set(from);
      return to;
    };
    this.chunkOf = widen(this.chunkOf);
    this.offsetOf = widen(this.offsetOf);
    this.lengthOf = widen(this.lengthOf);
  }
}
