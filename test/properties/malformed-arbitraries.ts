import fc from 'fast-check';

/** A JSON-ish path inside a command: object keys and array indexes. */
export type Path = readonly (string | number)[];

/** Arrays and plain objects (null prototypes included): what JSON.parse makes and a mutation may reach into. */
function isPlainContainer(value: unknown): value is Record<string | number, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** Every path of a value's nested objects and arrays down to `maxDepth`, the root excluded, parents before children. */
export function pathsOf(value: unknown, prefix: Path = [], maxDepth = 6): Path[] {
  if (!isPlainContainer(value) || prefix.length >= maxDepth) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key], maxDepth)]);
}

/** A value nested `depth` levels deep in alternating objects and arrays. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { nested: value } : [value];
  return value;
}

/** An object whose own key is `key` (even `__proto__`), as JSON.parse of a request body would make it. */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

const GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Amounts, quantities and other numbers no command accepts, plus things that are not numbers at all. */
export const badNumberArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1.5, NaN, Infinity, -Infinity, 1e308, Number.MAX_SAFE_INTEGER + 1, -Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, '100', true, null),
  fc.double({ noInteger: true }),
  fc.integer({ max: -1 }),
  fc.bigInt(),
);

/** Bitness values that are not `32-bit` or `64-bit`. */
export const badBitnessArb: fc.Arbitrary<unknown> = fc.constantFrom('16-bit', '64bit', '64-BIT', '32 bit', 64, '', ' 32-bit', ['64-bit'], { bitness: '64-bit' }, null);

/** Strings that look like tenant GUIDs and are not. */
export const badGuidArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'not-a-guid', GUID.slice(0, -1), GUID.replace(/-/g, ''), 'zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz', `{${GUID}}`, `${GUID}\n`, ` ${GUID}`, `${GUID}0`, GUID.replace(/-/g, '_')),
  fc.uuid().map((u) => u.replace(/[0-9a-f]$/, 'g')),
);

/** Strings far longer than any field allows (ids: 200, text: 4000). */
export const hugeStringArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(201, 4001, 65_536, 250_000), fc.constantFrom('x', ' ', 'é', '😀', 'a\u0000'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Keys that pollute prototypes when an object is merged carelessly. */
export const pollutingKeyArb: fc.Arbitrary<string> = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__');

/** A junk value carrying a polluting key. */
export const pollutingValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('{"__proto__": {"polluted": "yes"}, "type": "GetKey"}', '{"constructor": {"prototype": {"polluted": "yes"}}}').map((json): unknown => JSON.parse(json)),
  pollutingKeyArb.map((key) => withOwnKey({}, key, { polluted: 'yes' })),
);

/** Anything at all, including the exotic values fast-check knows (null prototypes, Maps, typed arrays, bigints). */
export const anythingArb: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
});

/** A value to put where a field was: wrong types, junk, huge or deeply nested things. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anythingArb },
  { weight: 2, arbitrary: badNumberArb },
  { weight: 1, arbitrary: badBitnessArb },
  { weight: 1, arbitrary: badGuidArb },
  { weight: 1, arbitrary: hugeStringArb },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 5000 }).map(deeplyNested) },
  { weight: 1, arbitrary: pollutingValueArb },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, [], {}, '', '   ', '\u0000', [{}], [[]]) },
);

/** One change to a valid command. `at` picks the path (modulo the number of paths). */
export type Mutation =
  | { readonly kind: 'remove'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'wrapInArray'; readonly at: number }
  | { readonly kind: 'addKey'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'retype'; readonly type: unknown };

/** Mutations of a command; several may apply to one command. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: junkArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrapInArray' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(pollutingKeyArb, fc.string()), value: junkArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('retype' as const),
      type: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'getkey', 'GetKey ', '', 'Purchased', 'KeyRevoked'), anythingArb),
    }),
  },
);

function containerAt(root: Record<string, unknown>, path: Path): { parent: Record<string | number, unknown>; key: string | number } | undefined {
  let parent: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isPlainContainer(parent)) return undefined;
    parent = parent[key];
  }
  const key = path[path.length - 1];
  if (!isPlainContainer(parent) || key === undefined) return undefined;
  return { parent, key };
}

/** Applies mutations to a deep copy of a valid command. */
export function mutate(command: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const copy = structuredClone(command);
  for (const mutation of mutations) {
    if (mutation.kind === 'retype') {
      copy.type = mutation.type;
      continue;
    }
    const paths = pathsOf(copy);
    const path = paths[mutation.at % Math.max(1, paths.length)];
    const at = path === undefined ? undefined : containerAt(copy, path);
    if (at === undefined) continue;
    const { parent, key } = at;
    switch (mutation.kind) {
      case 'remove':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'replace':
        parent[key] = mutation.value;
        break;
      case 'wrapInArray':
        parent[key] = [parent[key]];
        break;
      case 'addKey': {
        const target = parent[key];
        if (isPlainContainer(target) && !Array.isArray(target)) withOwnKey(target, mutation.key, mutation.value);
        else withOwnKey(copy, mutation.key, mutation.value);
        break;
      }
    }
  }
  return copy;
}
