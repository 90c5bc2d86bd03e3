/** Distinct values kept at most by default: beyond them a value is kept per holder, as before. */
const DEFAULT_MAX_VALUES = 10_000;

/**
 * One copy of each distinct value, by its JSON: purchases repeat a few catalogue products,
 * customers and policies, and a copy per purchase held in memory costs a quarter of a read
 * model or a cached stream. Only for values that nothing mutates in place.
 */
export class SharedValues {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly maxValues = DEFAULT_MAX_VALUES) {}

  /** The copy already kept of a value equal to `value`, or `value`, now kept. */
  shared<T>(value: T): T {
    const key = JSON.stringify(value);
    const known = this.values.get(key);
    if (known !== undefined) return known as T;
    if (this.values.size < this.maxValues) this.values.set(key, value);
    return value;
  }

  /** Forgets every kept value. */
  clear(): void {
    this.values.clear();
  }
}
