import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, StoredIdentifier, StoredText, type Command, type InvalidCommandError } from '@csp-onprem/domain';
import { aCancellationRequest, aCompletion, aDownload, aGetKey, aLinkCopy, aPurchase, aRejection } from '@csp-onprem/testing';

/** A JSON copy of `command` with `value` at the dotted `path` (list items by index). */
function withValueAt(command: object, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(command)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, copy);
  parent[last] = value;
  return copy;
}

function refusal(input: unknown): InvalidCommandError {
  const decoded = decodeCommand(input);
  if (E.isRight(decoded)) return expect.fail('expected the input to be refused');
  return decoded.left;
}

function accepted(input: unknown): Command {
  const decoded = decodeCommand(input);
  if (E.isLeft(decoded)) return expect.fail(`expected the input to decode: ${decoded.left.message}`);
  return decoded.right;
}

const request = { ...aCancellationRequest(), orderId: 'ORD-1001', attachments: ['invoice.pdf'] };

/** Every identifier a command carries, by command and path. */
const identifierPaths: readonly (readonly [object, string])[] = [
  [aGetKey(), 'commandId'],
  [aGetKey(), 'actor.userId'],
  [aGetKey(), 'actor.roles.0'],
  [aGetKey(), 'subscriptionId'],
  [aGetKey(), 'variant.version'],
  [aDownload(), 'variant.language'],
  [aLinkCopy(), 'subscriptionId'],
  [aPurchase(), 'orderId'],
  [aPurchase(), 'subscriptionId'],
  [aPurchase(), 'product.productId'],
  [aPurchase(), 'product.skuId'],
  [aPurchase(), 'product.versions.0'],
  [aPurchase(), 'product.languages.1'],
  [request, 'orderId'],
  [request, 'subscriptionId'],
  [request, 'attachments.0'],
  [request, 'contact.email'],
  [aCompletion('TKT-1'), 'ticketId'],
  [aRejection('TKT-1'), 'ticketId'],
];

/** Every free-text field a command carries, by command and path. */
const textPaths: readonly (readonly [object, string])[] = [
  [aPurchase(), 'product.title'],
  [request, 'refundReason'],
  [request, 'impact'],
  [request, 'title'],
  [request, 'contact.name'],
  [aRejection('TKT-1'), 'reason'],
];

describe('the characters a command may carry', () => {
  describe('in identifiers (ids, user ids, roles, variant parts, file names, e-mail addresses)', () => {
    const refused: readonly (readonly [string, string, string])[] = [
      ['a NUL', 'SUB\u00001', 'U+0000 (a control character) at index 3'],
      ['an escape sequence', '\u001b[2JSUB', 'U+001B (a control character) at index 0'],
      ['a line feed', 'SUB\n1', 'U+000A (a control character) at index 3'],
      ['a tab', 'SUB\t1', 'U+0009 (a control character) at index 3'],
      ['DEL', 'SUB\u007f', 'U+007F (a control character) at index 3'],
      ['a C1 control (CSI)', 'SUB\u009b2J', 'U+009B (a control character) at index 3'],
      ['a lone high surrogate', 'u1\ud800b', 'U+D800 (a lone surrogate: not well-formed UTF-16) at index 2'],
      ['a lone low surrogate at the end', 'u1\udc00', 'U+DC00 (a lone surrogate: not well-formed UTF-16) at index 2'],
      ['a zero-width space', 'SUB\u200b1', 'U+200B (an invisible format character) at index 3'],
      ['a right-to-left override', 'SUB\u202e1', 'U+202E (an invisible format character) at index 3'],
      ['a byte-order mark', '\ufeffSUB', 'U+FEFF (an invisible format character) at index 0'],
      ['a line separator', 'SUB\u20281', 'U+2028 (a line or paragraph separator) at index 3'],
    ];
    for (const [what, value, found] of refused) {
      it(`refuses ${what} in every identifier, naming the path and the character without quoting the text`, () => {
        for (const [command, path] of identifierPaths) {
          const error = refusal(withValueAt(command, path, value));
          expect(error.code).to.equal('InvalidCommand');
          expect(error.errors.map((e) => e.path), path).to.deep.equal([path]);
          expect(error.errors[0]?.found, path).to.equal(`a string holding ${found}`);
          expect(error.message, path).to.include(path).and.not.include(value);
        }
      });
    }

    it('accepts letters of any script, accents, emoji, symbols, spaces inside and unassigned code points, exactly as sent', () => {
      const values = ['Ünïcødé-Ω-订单-١٢٣', 'e\u0301', 'SUB 2024 #1', '🔑-key', 'a\u00a0b', 'x\u{10ffff}', '\u{e000}private', 'a"b\'c<d>&e\\f'];
      for (const value of values) {
        const command = accepted(withValueAt(aGetKey(), 'subscriptionId', value));
        expect(command.type === 'GetKey' && command.subscriptionId).to.equal(value);
      }
    });

    it('keeps text as sent: composed and decomposed forms are different ids, never normalised', () => {
      const composed = accepted(withValueAt(aGetKey(), 'subscriptionId', 'caf\u00e9'));
      const decomposed = accepted(withValueAt(aGetKey(), 'subscriptionId', 'cafe\u0301'));
      expect(composed.type === 'GetKey' && composed.subscriptionId).to.equal('caf\u00e9');
      expect(decomposed.type === 'GetKey' && decomposed.subscriptionId).to.equal('cafe\u0301');
    });

    it('refuses a role holding a NUL in the actor of every command type, naming that role', () => {
      for (const command of [aPurchase(), aGetKey(), aDownload(), aLinkCopy(), request, aCompletion('TKT-1'), aRejection('TKT-1')]) {
        const error = refusal(withValueAt(command, 'actor.roles', ['AdminAgent', 'Global\u0000Admin']));
        expect(error.errors.map((e) => e.path)).to.deep.equal(['actor.roles.1']);
      }
    });
  });

  describe('in free text (titles, reasons, impact, contact names)', () => {
    it('accepts tabs, line breaks, right-to-left marks, joiners and separators, exactly as sent', () => {
      const value = 'Line one\r\n\tline two \u200f\u05e9\u05dc\u05d5\u05dd\u200e 👩\u200d💻 \u2028end';
      for (const [command, path] of textPaths) {
        const decoded = accepted(withValueAt(command, path, value));
        const back = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], decoded);
        expect(back, path).to.equal(value);
      }
    });

    const refused: readonly (readonly [string, string, string])[] = [
      ['a NUL', 'Cancel\u0000', 'U+0000 (a control character) at index 6'],
      ['an escape sequence that clears a screen', 'Cancel \u001b[2J', 'U+001B (a control character) at index 7'],
      ['a bell', '\u0007Cancel', 'U+0007 (a control character) at index 0'],
      ['a C1 control', 'Cancel\u0085', 'U+0085 (a control character) at index 6'],
      ['a lone surrogate', 'Cancel \udfff', 'U+DFFF (a lone surrogate: not well-formed UTF-16) at index 7'],
    ];
    for (const [what, value, found] of refused) {
      it(`refuses ${what} in every free-text field, naming the path`, () => {
        for (const [command, path] of textPaths) {
          const error = refusal(withValueAt(command, path, value));
          expect(error.errors.map((e) => e.path), path).to.deep.equal([path]);
          expect(error.errors[0]?.found, path).to.equal(`a string holding ${found}`);
        }
      });
    }
  });

  it('checks stored events for length only, so that logs written before these rules still read', () => {
    expect(StoredIdentifier.is('SUB\u0000\u202e1')).to.equal(true);
    expect(StoredText.is('title \u001b[2J \ud800')).to.equal(true);
    expect(StoredIdentifier.is('x'.repeat(201))).to.equal(false);
  });
});
