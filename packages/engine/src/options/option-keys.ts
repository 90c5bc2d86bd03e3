/**
 * The keys of an options type, listed once and checked by the compiler to be all of them:
 * `optionKeys<EngineOptions>({ store: true, clock: true, ... })` fails to compile when a key
 * is missing or is not one of the type's.
 */
export function optionKeys<T extends object>(keys: { readonly [K in keyof Required<T>]: true }): readonly (keyof T & string)[] {
  return Object.keys(keys) as (keyof T & string)[];
}
