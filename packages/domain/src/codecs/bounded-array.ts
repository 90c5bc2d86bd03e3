import * as t from 'io-ts';
import { guarded, threwWhenRead } from './guarded-read.js';

/** How long a list may be, and whether its items must differ. */
export interface ListBounds {
  readonly minLength: number;
  readonly maxLength: number;
  /** Refuse a list holding the same value twice. */
  readonly unique?: boolean;
}

/**
 * A list codec whose length is checked before any item is looked at: a list of a million
 * items is refused in constant time, with one error, instead of being validated item by item.
 * Decoding reads the length and each item once and returns a new array.
 */
export function boundedArray<C extends t.Mixed>(item: C, bounds: ListBounds, name: string): t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown> {
  const fits = (length: number): boolean => length >= bounds.minLength && length <= bounds.maxLength;
  const distinct = (values: readonly unknown[]): boolean => bounds.unique !== true || new Set(values).size === values.length;
  return new t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown>(
    name,
    (u): u is t.TypeOf<C>[] => Array.isArray(u) && fits(u.length) && u.every((value) => item.is(value)) && distinct(u),
    (u, context) => {
      const length = guarded(() => (Array.isArray(u) ? u.length : undefined));
      if (!length.ok) return t.failure(u, context, threwWhenRead(length.thrown));
      if (length.value === undefined) return t.failure(u, context);
      if (!fits(length.value)) return t.failure(u, context, `a list of ${length.value}`);
      const list = u as readonly unknown[];
      const decoded: t.TypeOf<C>[] = [];
      const errors: t.ValidationError[] = [];
      for (let index = 0; index < length.value; index += 1) {
        const read = guarded(() => list[index]);
        const at = t.appendContext(context, String(index), item, read.ok ? read.value : undefined);
        if (!read.ok) {
          errors.push({ value: undefined, context: at, message: threwWhenRead(read.thrown) });
          continue;
        }
        const result = item.validate(read.value, at);
        if (result._tag === 'Right') decoded.push(result.right);
        else for (const error of result.left) errors.push(error);
      }
      if (errors.length > 0) return t.failures(errors);
      return distinct(decoded) ? t.success(decoded) : t.failure(u, context, 'a list holding the same value twice');
    },
    (values) => values.map((value) => item.encode(value)),
  );
}
