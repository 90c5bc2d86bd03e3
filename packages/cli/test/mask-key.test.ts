import { expect } from 'chai';
import fc from 'fast-check';
import { maskProductKey } from '@csp-onprem/cli';

describe('maskProductKey', () => {
  it('shows a development key as TEST-XXXXX-...- and its last five characters', () => {
    expect(maskProductKey('TEST-BCDFG-HJKMP-QRTVW-XY234-6789B')).to.equal('TEST-XXXXX-...-6789B');
  });

  it('shows any other key as XXXXX-...- and its last five characters, without guessing at its format', () => {
    expect(maskProductKey('NPPR9-FWDCX-D2C8J-H872K-2YT43')).to.equal('XXXXX-...-2YT43');
  });

  it('masks a short key entirely', () => {
    expect(maskProductKey('ABCDE-12345')).to.equal('XXXXX-...');
  });

  it('reveals nothing but the last five characters: keys that end alike mask alike', () => {
    const keyBody = fc.string({ minLength: 10, maxLength: 40 }).filter((s) => !s.startsWith('TEST-'));
    const tail = fc.string({ minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(keyBody, keyBody, tail, (a, b, end) => {
        expect(maskProductKey(a + end)).to.equal(maskProductKey(b + end));
        expect(maskProductKey(`TEST-${a}${end}`)).to.equal(maskProductKey(`TEST-${b}${end}`));
      }),
    );
  });

  it('never yields text that looks like a whole development key', () => {
    const group = fc.stringMatching(/^[BCDFGHJKMPQRTVWXY2346789]{5}$/);
    fc.assert(
      fc.property(fc.array(group, { minLength: 5, maxLength: 5 }), (groups) => {
        expect(maskProductKey(`TEST-${groups.join('-')}`)).to.not.match(/TEST(-[A-Z0-9]{5}){5}/);
      }),
    );
  });
});
