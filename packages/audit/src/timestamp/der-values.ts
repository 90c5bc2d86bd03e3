import * as E from 'fp-ts/lib/Either.js';
import { DerTag, type DerElement } from './der-reader.js';

/** The dotted form of an OBJECT IDENTIFIER, e.g. 2.16.840.1.101.3.4.2.1; a Left when the encoding is not one. */
export function oidOf(element: DerElement): E.Either<string, string> {
  if (element.tag !== DerTag.OID || element.content.length === 0) return E.left('not an object identifier');
  const arcs: bigint[] = [];
  let value = 0n;
  let fresh = true;
  for (const byte of element.content) {
    if (fresh && byte === 0x80) return E.left('an object identifier arc with a leading zero byte');
    value = (value << 7n) | BigInt(byte & 0x7f);
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (!fresh) return E.left('an object identifier that ends inside an arc');
  const first = arcs[0] as bigint;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return E.right([...head, ...arcs.slice(1)].join('.'));
}

/** The value of an INTEGER (two's complement, big-endian); a Left when it is not a minimal one. */
export function integerOf(element: DerElement): E.Either<string, bigint> {
  const c = element.content;
  if (element.tag !== DerTag.INTEGER || c.length === 0) return E.left('not an integer');
  if (c.length > 1 && ((c[0] === 0x00 && ((c[1] as number) & 0x80) === 0) || (c[0] === 0xff && ((c[1] as number) & 0x80) !== 0))) return E.left('an integer not in its shortest form');
  let value = 0n;
  for (const byte of c) value = (value << 8n) | BigInt(byte);
  return ((c[0] as number) & 0x80) !== 0 ? E.right(value - (1n << BigInt(8 * c.length))) : E.right(value);
}

/** The value of a BOOLEAN (DER: 0x00 or 0xff). */
export function booleanOf(element: DerElement): E.Either<string, boolean> {
  if (element.tag !== DerTag.BOOLEAN || element.content.length !== 1) return E.left('not a boolean');
  const byte = element.content[0];
  return byte === 0x00 ? E.right(false) : byte === 0xff ? E.right(true) : E.left('a boolean neither 0x00 nor 0xff');
}

/** The instant a GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z, as DER requires) or a UTCTime (YYMMDDHHMMSSZ) names. */
export function timeOf(element: DerElement): E.Either<string, Date> {
  const text = new TextDecoder('latin1').decode(element.content);
  const general = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d*[1-9]))?Z$/.exec(text);
  const utc = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  let fields: number[];
  let fraction = '';
  if (element.tag === DerTag.GENERALIZED_TIME && general !== null) {
    fields = general.slice(1, 7).map(Number);
    fraction = general[7] ?? '';
  } else if (element.tag === DerTag.UTC_TIME && utc !== null) {
    fields = utc.slice(1, 7).map(Number);
    // RFC 5280 §4.1.2.5.1: YY below 50 is 20YY, else 19YY.
    fields[0] = (fields[0] as number) + ((fields[0] as number) < 50 ? 2000 : 1900);
  } else {
    return E.left('not a time in DER form');
  }
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  // Date.UTC reads years 0 to 99 as 1900 to 1999.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return E.left('a time that is not a calendar date');
  return E.right(date);
}

/** Lower-case hex of bytes, e.g. for a serial number in a message. */
export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
