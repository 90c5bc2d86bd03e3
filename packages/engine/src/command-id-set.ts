const SEPARATOR = '\n';

/**
 * What a stream's command ids must answer: their number, membership and iteration. A
 * `ReadonlySet<string>` is one; so is {@link CommandIdSet}, which does not claim to be a
 * `ReadonlySet`, since each newer `lib` or `@types/node` adds members to that interface
 * (the ES2025 set methods, iterator helpers) that a class written today would lack.
 */
export interface CommandIds {
  readonly size: number;
  has(id: string): boolean;
  [Symbol.iterator](): Iterator<string>;
}

/** Ids the text cannot hold: one with a line feed (an `Identifier` may hold one), and the empty id (an `Identifier` never is, but the set takes any string). */
function keptAside(id: string): boolean {
  return id.length === 0 || id.includes(SEPARATOR);
}

/**
 * The command ids a stream holds, for the stream cache: an immutable set kept as one flat
 * text of ids joined by a line feed, rather than a `Set` of strings. A cached stream holds
 * a dozen ids or so; one text of them takes about half the memory of a `Set` and its strings,
 * and the cache holds tens of thousands of streams. An id that itself contains a line feed
 * (an `Identifier` may) or is empty is kept aside in a small `Set`, so membership stays exact.
 */
export class CommandIdSet implements CommandIds {
  /** The set with no ids. */
  static readonly EMPTY = new CommandIdSet('', 0, undefined);

  private constructor(
    /** The ids without a line feed, each followed by one. */
    private readonly text: string,
    readonly size: number,
    /** The ids the text cannot hold, if any. */
    private readonly unusual: ReadonlySet<string> | undefined,
  ) {}

  /** This set with the given ids added; ids already in it are not added twice. */
  with(ids: Iterable<string>): CommandIdSet {
    const added: string[] = [];
    let unusual: Set<string> | undefined;
    for (const id of ids) {
      if (this.has(id) || added.includes(id) || unusual?.has(id) === true) continue;
      if (keptAside(id)) (unusual ??= new Set(this.unusual)).add(id);
      else added.push(id);
    }
    const unusualAdded = unusual === undefined ? 0 : unusual.size - (this.unusual?.size ?? 0);
    if (added.length === 0 && unusualAdded === 0) return this;
    // `join` makes one flat string, where `+` would keep a rope of every append's pieces alive.
    const text = added.length === 0 ? this.text : [...(this.text.length === 0 ? [] : [this.text.slice(0, -1)]), ...added, ''].join(SEPARATOR);
    return new CommandIdSet(text, this.size + added.length + unusualAdded, unusual ?? this.unusual);
  }

  has(id: string): boolean {
    if (keptAside(id)) return this.unusual?.has(id) === true;
    const { text } = this;
    for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
      const startsEntry = at === 0 || text.charCodeAt(at - 1) === 10;
      if (startsEntry && text.charCodeAt(at + id.length) === 10) return true;
    }
    return false;
  }

  forEach(callback: (value: string, key: string, set: CommandIdSet) => void, thisArg?: unknown): void {
    for (const id of this) callback.call(thisArg, id, id, this);
  }

  *values(): IterableIterator<string> {
    if (this.text.length > 0) yield* this.text.slice(0, -1).split(SEPARATOR);
    if (this.unusual !== undefined) yield* this.unusual;
  }

  keys(): IterableIterator<string> {
    return this.values();
  }

  *entries(): IterableIterator<[string, string]> {
    for (const id of this) yield [id, id];
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.values();
  }
}
