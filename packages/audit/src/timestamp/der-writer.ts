import { DerTag } from './der-reader.js';

/** One DER element from its tag and value octets, with the length in its shortest form. */
export function derElement(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  // Three length octets at most: a request or token is never near 16 MB.
  if (n > 0xffffff) throw new RangeError(`a DER element of ${n} bytes is longer than this writer encodes`);
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

/** The concatenation of DER elements. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A SEQUENCE of the given elements. */
export function derSequence(...items: readonly Uint8Array[]): Uint8Array {
  return derElement(DerTag.SEQUENCE, concat(items));
}

/** An INTEGER in its shortest two's complement form. */
export function derInteger(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
    const sign = ((bytes[0] as number) & 0x80) !== 0;
    if ((v === 0n && !sign) || (v === -1n && sign)) break;
  }
  return derElement(DerTag.INTEGER, Uint8Array.from(bytes));
}

/** An OBJECT IDENTIFIER from its dotted form; a malformed one is a bug of the caller. */
export function derOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map((a) => BigInt(a));
  if (arcs.length < 2 || (arcs[0] as bigint) > 2n) throw new RangeError(`derOid: ${oid} is not an object identifier`);
  const values = [(arcs[0] as bigint) * 40n + (arcs[1] as bigint), ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const groups = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...groups);
  }
  return derElement(DerTag.OID, Uint8Array.from(bytes));
}

/** NULL. */
export function derNull(): Uint8Array {
  return derElement(DerTag.NULL, new Uint8Array(0));
}

/** An OCTET STRING. */
export function derOctetString(bytes: Uint8Array): Uint8Array {
  return derElement(DerTag.OCTET_STRING, bytes);
}

/** A BOOLEAN (0xff for true, as DER requires). */
export function derBoolean(value: boolean): Uint8Array {
  return derElement(DerTag.BOOLEAN, Uint8Array.of(value ? 0xff : 0x00));
}
