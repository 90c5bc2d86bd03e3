import * as t from 'io-ts';
import { guarded, isObjectRecord, ownField, threwWhenRead } from './guarded-read.js';

/** Field codecs by field name. */
export type Fields = Record<string, t.Mixed>;

type Flat<T> = { [K in keyof T]: T[K] };

/** What a struct decodes to: every required field, and those optional fields that were given. */
export type StructOf<R extends Fields, O extends Fields> = Flat<{ [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> }>;

/** What a struct encodes to. */
export type StructOutputOf<R extends Fields, O extends Fields> = Flat<{ [K in keyof R]: t.OutputOf<R[K]> } & { [K in keyof O]?: t.OutputOf<O[K]> }>;

type Field = readonly [key: string, codec: t.Mixed, optional: boolean];

/**
 * An object codec for untrusted input, in place of `t.exact(t.type(...))`: it reads each field
 * once, from the input's own properties only, and builds a new plain object of the decoded
 * values, so what it returns never aliases the input (no getter runs again later, and unknown
 * fields are dropped without being looked at). A field whose getter or Proxy trap throws fails
 * with a path like any other bad field. `optional` fields may be absent or `undefined`.
 *
 * `is` reads fields plainly and does not guard against throwing getters: use it on values
 * already decoded or read back from a store, and `decode` on untrusted input.
 */
export function struct<R extends Fields, O extends Fields = Record<never, never>>(
  required: R,
  optional: O = {} as O,
  name = 'object',
): t.Type<StructOf<R, O>, StructOutputOf<R, O>, unknown> {
  const fields: readonly Field[] = [
    ...Object.entries(required).map(([key, codec]): Field => [key, codec, false]),
    ...Object.entries(optional).map(([key, codec]): Field => [key, codec, true]),
  ];
  return new t.Type<StructOf<R, O>, StructOutputOf<R, O>, unknown>(
    name,
    (u): u is StructOf<R, O> => {
      if (!isObjectRecord(u)) return false;
      for (const [key, codec, isOptional] of fields) {
        const value = (u as Record<string, unknown>)[key];
        if (value === undefined ? !isOptional && !codec.is(value) : !codec.is(value)) return false;
      }
      return true;
    },
    (u, context) => {
      const isRecord = guarded(() => isObjectRecord(u));
      if (!isRecord.ok) return t.failure(u, context, threwWhenRead(isRecord.thrown));
      if (!isRecord.value) return t.failure(u, context);
      const record = u as object;
      const decoded: Record<string, unknown> = {};
      const errors: t.ValidationError[] = [];
      for (const [key, codec, isOptional] of fields) {
        const read = guarded(() => ownField(record, key));
        const at = t.appendContext(context, key, codec, read.ok ? read.value : undefined);
        if (!read.ok) {
          errors.push({ value: undefined, context: at, message: threwWhenRead(read.thrown) });
          continue;
        }
        if (read.value === undefined && isOptional) continue;
        const result = codec.validate(read.value, at);
        if (result._tag === 'Right') decoded[key] = result.right;
        else for (const error of result.left) errors.push(error);
      }
      return errors.length > 0 ? t.failures(errors) : t.success(decoded as StructOf<R, O>);
    },
    (value) => {
      const encoded: Record<string, unknown> = {};
      for (const [key, codec] of fields) {
        const field = (value as Record<string, unknown>)[key];
        if (field !== undefined) encoded[key] = codec.encode(field);
      }
      return encoded as StructOutputOf<R, O>;
    },
  );
}
