import { closestKey } from './closest-key.js';

/** One options object a function takes: how messages name it, and the keys it knows. */
export interface OptionsShape {
  /** Its name in messages, such as `postgresStore's options (its second argument)`. */
  readonly name: string;
  /** Every key it takes. */
  readonly keys: readonly string[];
}

/** A key an options object does not take, and where it may have been meant to go. */
export interface UnknownOption {
  /** The key as given. */
  readonly key: string;
  /** The names of the other options objects that do take it (the key is in the wrong place), if any. */
  readonly belongsIn: readonly string[];
  /** The known key it most likely misspells, when it belongs nowhere else. */
  readonly didYouMean?: string;
}

/**
 * The keys among `given` that `shape` does not take, each with the other shapes that take it
 * (a key given to the wrong argument) or, failing that, the known key it most likely
 * misspells. Empty when every key is known. The CLI uses this for its command-line options.
 */
export function unknownOptions(given: readonly string[], shape: OptionsShape, others: readonly OptionsShape[] = []): UnknownOption[] {
  return given
    .filter((key) => !shape.keys.includes(key))
    .map((key) => {
      const belongsIn = others.filter((other) => other.keys.includes(key)).map((other) => other.name);
      const didYouMean = belongsIn.length === 0 ? closestKey(key, shape.keys) : undefined;
      return didYouMean === undefined ? { key, belongsIn } : { key, belongsIn, didYouMean };
    });
}

function describe({ key, belongsIn, didYouMean }: UnknownOption): string {
  if (belongsIn.length > 0) return `${key}, which belongs in ${belongsIn.join(' or ')}`;
  return didYouMean === undefined ? key : `${key} (did you mean ${didYouMean}?)`;
}

/**
 * Refuses an options object with a key `shape` does not take: throws a `RangeError` naming
 * every such key and, for each, where it belongs (when another of the function's arguments
 * takes it) or the known key it most likely misspells, such as `postgresStore's connection
 * (first argument): unknown key schema, which belongs in postgresStore's options (second
 * argument). Known keys: connectionString, pool.` A JavaScript caller or a JSON configuration
 * has no compiler to catch `{ keyEncrpytionKey }` or a setting given to the wrong argument,
 * which would otherwise be silently ignored. Anything but an object is left to the caller's
 * own checks.
 */
export function checkOptions(given: unknown, shape: OptionsShape, others: readonly OptionsShape[] = []): void {
  if (typeof given !== 'object' || given === null) return;
  const unknown = unknownOptions(Object.keys(given), shape, others);
  if (unknown.length === 0) return;
  const keys = unknown.length === 1 ? 'key' : 'keys';
  throw new RangeError(`${shape.name}: unknown ${keys} ${unknown.map(describe).join('; ')}. Known keys: ${shape.keys.join(', ')}.`);
}
