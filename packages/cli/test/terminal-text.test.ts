import { expect } from 'chai';
import { argumentsFault, renderTable, tableCell, terminalJson, terminalText, type Column } from '@csp-onprem/cli';

/** Every character that must never reach a terminal raw. */
const RAW_UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

const HOSTILE = 'Title\u001b[2J\u001b]0;pwned\u0007 \u009b31m \u007f \u0000 \ud800 \u202eevil\u202c \u2028 end';

describe('text from the log, written to a terminal', () => {
  it('writes every control character, lone surrogate, bidi control and separator as a visible escape', () => {
    expect(terminalText(HOSTILE)).to.equal(
      'Title\\u001b[2J\\u001b]0;pwned\\u0007 \\u009b31m \\u007f \\u0000 \\ud800 \\u202eevil\\u202c \\u2028 end',
    );
  });

  it('leaves letters, accents, emoji, joiners and right-to-left text as they are', () => {
    const text = 'Office LTSC Professionnel Plus – édition 2024 · Project 2021 专业版 · 👩‍💻 · שלום\u200f';
    expect(terminalText(text)).to.equal(text);
  });

  it('puts a table cell on one line: a white-space run holding a line break or a tab becomes one space', () => {
    expect(tableCell('two\r\n  lines\tand  a\u2028separator')).to.equal('two lines and  a separator');
    expect(tableCell('  keeps  plain  spaces  ')).to.equal('  keeps  plain  spaces  ');
  });

  it('renders a table whose cells hold escape sequences without one raw control character', () => {
    const columns: readonly Column<string>[] = [{ header: 'title', cell: (row) => row }];
    const lines = renderTable(columns, [HOSTILE, 'plain']);
    for (const line of lines) expect(RAW_UNSAFE.test(line), JSON.stringify(line)).to.equal(false);
    expect(lines[2]).to.include('\\u001b[2J');
  });

  it('renders a 200,000-character title of white space in milliseconds, not in the 39 s a quadratic clean-up took', () => {
    const columns: readonly Column<string>[] = [{ header: 'title', cell: (row) => row }];
    const titles = [' '.repeat(200_000), `${' \t'.repeat(100_000)}x`, `a${'  '.repeat(50_000)}\n${' '.repeat(100_000)}b`];
    for (const title of titles) {
      const started = performance.now();
      const lines = renderTable(columns, [title]);
      const ms = performance.now() - started;
      expect(lines).to.have.length(3);
      // Linear work takes a few ms; the quadratic regex needed tens of seconds for one such title.
      expect(ms, `rendering took ${ms.toFixed(1)} ms`).to.be.below(500);
    }
  });

  it('writes JSON that parses back to the same value and shows no control or invisible character', () => {
    const value = { title: HOSTILE, list: [HOSTILE, { nested: '\u0085\u061c\u2029' }], n: 1 };
    const json = terminalJson(value);
    expect(JSON.parse(json)).to.deep.equal(value);
    expect(RAW_UNSAFE.test(json.replace(/\n/g, ''))).to.equal(false);
    expect(json).to.include('\\u009b31m').and.include('\\u202eevil');
  });
});

describe('command-line arguments', () => {
  it('accepts well-formed text of any script', () => {
    expect(argumentsFault(['export', '--store', 'sqlite:./données/журнал.db', '--customer', 'Ünïcødé 订单'])).to.equal(undefined);
  });

  it('names the first argument holding a control character or a lone surrogate, without echoing it', () => {
    expect(argumentsFault(['verify', '--store', 'x\u001b[2J.db'])).to.equal(
      'argument 3 holds a control character, U+001B, at index 1: arguments must be well-formed text without control characters',
    );
    expect(argumentsFault(['replay', '--customer', 'c\ud800'])).to.equal(
      'argument 3 holds a lone surrogate (not well-formed text), U+D800, at index 1: arguments must be well-formed text without control characters',
    );
  });
});
