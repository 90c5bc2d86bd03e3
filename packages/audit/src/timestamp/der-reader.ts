import * as E from 'fp-ts/lib/Either.js';

/** One DER element (tag, length, value) with its bytes. Only low tag numbers (0-30) occur in the structures read here. */
export interface DerElement {
  /** The identifier octet: class, constructed bit and tag number, e.g. 0x30 for SEQUENCE, 0xa0 for [0] constructed. */
  readonly tag: number;
  /** The whole element, identifier and length octets included. */
  readonly bytes: Uint8Array;
  /** The value octets. */
  readonly content: Uint8Array;
}

/** DER tags used by timestamp requests, responses, CMS and X.509. */
export const DerTag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** The identifier octet of a context-specific tag [n], constructed or primitive. */
export function contextTag(n: number, constructed: boolean): number {
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/** Reads the element that starts at `offset`; a Left says where the bytes stop making sense. */
function readAt(bytes: Uint8Array, offset: number): E.Either<string, { element: DerElement; next: number }> {
  const tag = bytes[offset];
  if (tag === undefined) return E.left(`the data ends where an element should start (byte ${offset})`);
  if ((tag & 0x1f) === 0x1f) return E.left(`a tag in high-tag-number form at byte ${offset}, which these structures never use`);
  const first = bytes[offset + 1];
  if (first === undefined) return E.left(`the data ends inside the length of an element (byte ${offset + 1})`);
  let length: number;
  let header: number;
  if (first < 0x80) {
    length = first;
    header = 2;
  } else if (first === 0x80) {
    return E.left(`an indefinite length at byte ${offset + 1}, which DER does not allow`);
  } else {
    const count = first & 0x7f;
    if (count > 4) return E.left(`a length of ${count} bytes at byte ${offset + 1}, longer than any token`);
    if (offset + 2 + count > bytes.length) return E.left(`the data ends inside the length of an element (byte ${offset + 1})`);
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[offset + 2 + i] as number);
    if (length < 0x80 || (count > 1 && bytes[offset + 2] === 0)) return E.left(`a length at byte ${offset + 1} not in its shortest form, which DER does not allow`);
    header = 2 + count;
  }
  const end = offset + header + length;
  if (end > bytes.length) return E.left(`the data ends ${end - bytes.length} bytes short of the element that starts at byte ${offset}: it is truncated`);
  return E.right({ element: { tag, bytes: bytes.subarray(offset, end), content: bytes.subarray(offset + header, end) }, next: end });
}

/** Reads exactly one DER element filling `bytes`; trailing bytes are refused. */
export function readDer(bytes: Uint8Array): E.Either<string, DerElement> {
  const read = readAt(bytes, 0);
  if (E.isLeft(read)) return read;
  if (read.right.next !== bytes.length) return E.left(`${bytes.length - read.right.next} bytes follow the element`);
  return E.right(read.right.element);
}

/** The elements inside a constructed element (a SEQUENCE, a SET, an explicit [n]). */
export function readChildren(element: DerElement): E.Either<string, DerElement[]> {
  if ((element.tag & 0x20) === 0) return E.left(`a primitive element (tag 0x${element.tag.toString(16)}) where a constructed one belongs`);
  const children: DerElement[] = [];
  for (let offset = 0; offset < element.content.length; ) {
    const read = readAt(element.content, offset);
    if (E.isLeft(read)) return read;
    children.push(read.right.element);
    offset = read.right.next;
  }
  return E.right(children);
}
