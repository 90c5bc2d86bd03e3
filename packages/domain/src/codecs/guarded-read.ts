/**
 * Reading untrusted input without letting it throw: a getter, a Proxy trap or a revoked Proxy
 * can throw on any read, so every read of a field, an element or a length goes through here and
 * a throw becomes a value the decoders turn into `InvalidCommand`.
 */

/** A value read from untrusted input, or what was thrown while reading it. */
export type Read<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly thrown: string };

/** The kind of a thrown value, never its message (the input chose it: it may be long or secret). */
export function thrownKind(cause: unknown): string {
  if (cause instanceof Error) return /^[A-Za-z]{1,40}$/.test(cause.name) ? cause.name : 'an error';
  return typeof cause;
}

/** Runs one read of untrusted input, catching whatever it throws. */
export function guarded<A>(read: () => A): Read<A> {
  try {
    return { ok: true, value: read() };
  } catch (cause) {
    return { ok: false, thrown: thrownKind(cause) };
  }
}

/** Whether `value` is an object that is neither null nor an array, as JSON objects are. */
export function isObjectRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An own field of an object (never one inherited from its prototype, so that a polluted
 * `Object.prototype` adds no field to a command), read once.
 */
export function ownField(record: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** What to say was found where reading threw. */
export function threwWhenRead(thrown: string): string {
  return `a value that threw ${thrown} when read`;
}
