/** A count and its noun, singular for one: `plural(1, 'event')` is `1 event`, `plural(2, 'hash', 'hashes')` is `2 hashes`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
