import * as E from 'fp-ts/lib/Either.js';
import { readChildren, type DerElement } from './der-reader.js';

/**
 * Walks the fields of a SEQUENCE in order, as an ASN.1 definition lists them: required fields
 * with `take`, OPTIONAL and DEFAULT ones with `maybe`, and `end` to refuse anything left over.
 * Errors name the structure and the field, never the bytes.
 */
export class DerCursor {
  private index = 0;

  private constructor(
    private readonly items: readonly DerElement[],
    private readonly what: string,
  ) {}

  /** A cursor over the fields of `element`, which must carry `tag` (SEQUENCE unless said otherwise). */
  static of(element: DerElement, what: string, tag = 0x30): E.Either<string, DerCursor> {
    if (element.tag !== tag) return E.left(`${what} is not where it should be (tag 0x${element.tag.toString(16)}, expected 0x${tag.toString(16)})`);
    const children = readChildren(element);
    return E.isLeft(children) ? E.left(`${what}: ${children.left}`) : E.right(new DerCursor(children.right, what));
  }

  /** The next field, which must be there and carry `tag`. */
  take(tag: number, field: string): E.Either<string, DerElement> {
    const item = this.items[this.index];
    if (item === undefined) return E.left(`${this.what} ends before its ${field}`);
    if (item.tag !== tag) return E.left(`${this.what}: its ${field} has tag 0x${item.tag.toString(16)}, expected 0x${tag.toString(16)}`);
    this.index += 1;
    return E.right(item);
  }

  /** The next field when it carries `tag`; otherwise nothing, and the cursor stays. */
  maybe(tag: number): DerElement | undefined {
    const item = this.items[this.index];
    if (item === undefined || item.tag !== tag) return undefined;
    this.index += 1;
    return item;
  }

  /** Refuses fields left after the last one the definition lists. */
  end(): E.Either<string, void> {
    const left = this.items.length - this.index;
    return left === 0 ? E.right(undefined) : E.left(`${this.what} has ${left} unexpected field${left === 1 ? '' : 's'} at its end`);
  }
}
