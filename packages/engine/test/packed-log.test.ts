import { expect } from 'chai';
import fc from 'fast-check';
import { PackedLog } from '../src/store/packed-log.js';

const textOf = (i: number): string => JSON.stringify({ i, note: 'x'.repeat(i % 97) });

function appendAll(log: PackedLog, texts: readonly string[]): number[] {
  return texts.map((text) => log.append(text));
}

describe('a packed log', () => {
  it('numbers positions from 1 with no gaps, and counts them in its length', () => {
    const log = new PackedLog();
    expect(log.length).to.equal(0);
    const positions = appendAll(log, ['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(positions).to.deep.equal([1, 2, 3]);
    expect(log.length).to.equal(3);
    expect(log.at(1)).to.equal('{"a":1}');
    expect(log.at(3)).to.equal('{"c":3}');
  });

  it('gives back every one of many texts across many chunk boundaries', () => {
    const log = new PackedLog({ chunkBytes: 64 });
    const texts = Array.from({ length: 5000 }, (_, i) => (i % 50 === 0 ? '' : textOf(i)));
    appendAll(log, texts);
    expect(log.length).to.equal(texts.length);
    texts.forEach((text, i) => expect(log.at(i + 1)).to.equal(text));
  });

  it('gives back texts that fill several default-sized chunks', () => {
    const log = new PackedLog();
    const texts = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, note: `${i}`.padEnd(1000, 'y') }));
    appendAll(log, texts);
    for (const position of [1, 2, 64, 65, 9_999, 10_000, 19_999, 20_000]) expect(log.at(position)).to.equal(texts[position - 1]);
    expect(texts.every((text, i) => log.at(i + 1) === text)).to.equal(true);
  });

  it('gives a text larger than a chunk a chunk of its own, and goes on appending after it', () => {
    const log = new PackedLog({ chunkBytes: 256 });
    const big = JSON.stringify({ big: 'é'.repeat(1000) });
    appendAll(log, ['{"before":1}', big, '{"after":1}', big]);
    expect(log.at(1)).to.equal('{"before":1}');
    expect(log.at(2)).to.equal(big);
    expect(log.at(3)).to.equal('{"after":1}');
    expect(log.at(4)).to.equal(big);
  });

  it('gives back emoji, CJK and accented text exactly', () => {
    const log = new PackedLog({ chunkBytes: 16 });
    const texts = ['"🚀"', '"製品キー"', '{"title":"Ausgabe — Größe ñ"}', '"👩‍💻 𝕏 🇩🇪"', '"a"', '"日本語🎌テキスト"'];
    appendAll(log, texts);
    texts.forEach((text, i) => expect(log.at(i + 1)).to.equal(text));
  });

  it('gives back the JSON of any string exactly, lone surrogates included, since JSON escapes them', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), fc.array(fc.string({ unit: 'grapheme' })), (binary, graphemes) => {
        const log = new PackedLog({ chunkBytes: 32 });
        const texts = [...binary, ...graphemes, '\ud800x\udfff'].map((value) => JSON.stringify(value));
        appendAll(log, texts);
        return texts.every((text, i) => log.at(i + 1) === text);
      }),
    );
  });

  it('turns a lone surrogate in text that is not JSON into U+FFFD, as UTF-8 cannot hold it', () => {
    const log = new PackedLog();
    log.append('a\ud800b');
    expect(log.at(1)).to.equal('a\ufffdb');
  });

  it('throws a RangeError for a position it does not hold', () => {
    const empty = new PackedLog();
    expect(() => empty.at(1)).to.throw(RangeError, 'no text at position 1 (the log holds 0)');
    const log = new PackedLog();
    appendAll(log, ['"a"', '"b"']);
    for (const position of [0, -1, 3, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => log.at(position), String(position)).to.throw(RangeError, /no text at position/);
    }
  });

  it('refuses a chunk size that is not a positive integer', () => {
    for (const chunkBytes of [0, -1, 1.5, Number.NaN, 2 ** 32]) {
      expect(() => new PackedLog({ chunkBytes }), String(chunkBytes)).to.throw(RangeError, /chunkBytes/);
    }
  });
});
