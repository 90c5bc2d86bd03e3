import * as t from 'io-ts';

/**
 * A codec that accepts what `base` accepts and also satisfies `predicate`.
 * Unlike `t.brand`, the static type stays plain, so platforms can build
 * commands from object literals without casts.
 */
export function constrained<A, O>(
  base: t.Type<A, O, unknown>,
  predicate: (value: A) => boolean,
  name: string,
): t.Type<A, O, unknown> {
  return new t.Type<A, O, unknown>(
    name,
    (u): u is A => base.is(u) && predicate(u),
    (u, context) => {
      // An intersection or union adds member indexes to paths; let it stand in the context
      // so that the error reporter can recognise and drop them.
      const last = context[context.length - 1];
      const inner = last === undefined || !isCombinator(base) ? context : [...context.slice(0, -1), { ...last, type: base }];
      const decoded = base.validate(u, inner);
      if (decoded._tag === 'Left') return decoded;
      return predicate(decoded.right) ? t.success(decoded.right) : t.failure(u, context);
    },
    base.encode,
  );
}

/** Whether a codec is an intersection or a union, whose context keys are member indexes, not fields. */
export function isCombinator(codec: t.Decoder<unknown, unknown> | undefined): boolean {
  const tag = (codec as { _tag?: string } | undefined)?._tag;
  return tag === 'IntersectionType' || tag === 'UnionType';
}
