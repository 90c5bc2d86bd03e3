import { expect } from 'chai';
import { auditCsv, csvField } from '@csp-onprem/cli';
import type { AuditEntry } from '@csp-onprem/engine';
import { parseCsv } from '@csp-onprem/testing';

/** Every place a spreadsheet could start a cell, with any list separator, begins with no formula character. */
function startsNoFormula(field: string): boolean {
  return field.split(/[,;\t\r\n]/).every((cell) => !/^[ "]*[=+\-@\t\r\u0000\uff1d\uff0b\uff0d\uff20]/.test(cell));
}

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('SUB-A1')).to.equal('SUB-A1');
  });

  it('quotes a field holding a comma, a quote, a line break or edge spaces, doubling the quotes', () => {
    expect(csvField('a,b')).to.equal('"a,b"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(csvField('two\nlines')).to.equal('"two\nlines"');
    expect(csvField(' padded ')).to.equal('" padded "');
  });

  it('prefixes a text a spreadsheet would run as a formula with a quote mark', () => {
    expect(csvField('=HYPERLINK("http://evil.example")')).to.equal('"\'=HYPERLINK(""http://evil.example"")"');
    expect(csvField('+1 425 555 0100')).to.equal("'+1 425 555 0100");
    expect(csvField('@admin')).to.equal("'@admin");
  });

  it('neutralises a formula after a semicolon, a comma, a tab or a line break, where a spreadsheet with another separator starts a cell', () => {
    expect(csvField('a;=1+1')).to.equal('"a;\'=1+1"');
    expect(csvField('a,@SUM(A1)')).to.equal('"a,\'@SUM(A1)"');
    expect(csvField('a\t-2+3')).to.equal('"a\t\'-2+3"');
    expect(csvField('a\r\n+cmd')).to.equal('"a\r\n\'+cmd"');
  });

  it('looks past spaces and quotes before a formula, and knows the full-width signs and NUL', () => {
    expect(csvField(' =1')).to.equal('" \'=1"');
    expect(csvField('"=1"')).to.equal('"""\'=1"""');
    expect(csvField('x; "=1')).to.equal('"x; ""\'=1"');
    expect(csvField('＝1+1')).to.equal("'＝1+1");
    expect(csvField('\u0000=1')).to.equal("'\u0000=1");
  });

  it('quotes a field holding a semicolon or a tab, so that it stays one field for readers that split on them', () => {
    expect(csvField('a;b')).to.equal('"a;b"');
    expect(csvField('a\tb')).to.equal('"a\tb"');
  });

  it('leaves no formula start anywhere in any field, and parses back to the same text with only quote marks added', () => {
    const hostile = ['=1', 'a;=1', 'a,;\t=x', '-', ' @x', 'x;\r\n ""=y', 'a=b', 'mid - dash', 'price 10;5', '\t\t=', '=;=,=\t='];
    for (const value of hostile) {
      const field = csvField(value);
      const [[parsed]] = parseCsv(`${field}\r\n`) as [[string]];
      expect(startsNoFormula(parsed), `${JSON.stringify(value)} -> ${JSON.stringify(parsed)}`).to.equal(true);
      expect(parsed.replace(/'/g, ''), JSON.stringify(value)).to.equal(value.replace(/'/g, ''));
    }
  });

  it('keeps a 200,000-character field of separators and spaces linear', () => {
    const started = performance.now();
    csvField(';'.repeat(50_000) + ' '.repeat(100_000) + ';='.repeat(25_000));
    expect(performance.now() - started).to.be.below(500);
  });
});

describe('auditCsv', () => {
  const entry = (summary: string, userId: string): AuditEntry => ({
    position: 1,
    occurredAt: '2025-01-06T09:00:00.000Z',
    type: 'Purchased',
    summary,
    userId,
    actorTenantId: 'a',
    roles: ['AdminAgent', '=cmd'],
    actingRole: 'AdminAgent',
    partnerId: 'p',
    customerTenantId: 'c',
    customerDomain: 'contoso.example',
    orderId: 'ORD;=1',
    subscriptionId: 'SUB,"1"',
    streamId: 'csp-software-SUB,"1"',
    version: 1,
    eventId: 'e',
    commandId: '@c',
  });

  it('writes one row per entry with every column, whatever the text holds', () => {
    const entries = [entry('bought "x"\r\nline two;=HYPERLINK("x")', 'u\u001b[2J'), entry('\t=1', '-u')];
    const rows = parseCsv(auditCsv(entries));
    expect(rows).to.have.length(3);
    for (const row of rows) expect(row).to.have.length(17);
    for (const row of rows.slice(1)) for (const field of row) expect(startsNoFormula(field), JSON.stringify(field)).to.equal(true);
  });
});
