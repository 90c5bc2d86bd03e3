import { expect } from 'chai';
import { csvField } from '@csp-onprem/cli';

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
});
