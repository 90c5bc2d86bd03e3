import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { timestampRequest } from '@csp-onprem/audit';
import { readChildren, readDer } from '../src/timestamp/der-reader.js';
import { integerOf, oidOf, timeOf } from '../src/timestamp/der-values.js';
import { derElement, derInteger, derOid, derSequence } from '../src/timestamp/der-writer.js';
import { requireOpenssl } from './local-tsa.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const der = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

describe('the DER reader and writer', () => {
  it('write integers in their shortest two\'s complement form and read them back', () => {
    const cases: Array<[bigint, string]> = [
      [0n, '020100'],
      [127n, '02017f'],
      [128n, '02020080'],
      [256n, '02020100'],
      [-1n, '0201ff'],
      [-128n, '020180'],
      [-129n, '0202ff7f'],
      [2n ** 64n - 1n, '020900ffffffffffffffff'],
    ];
    for (const [value, encoded] of cases) {
      expect(hex(derInteger(value)), String(value)).to.equal(encoded);
      expect(E.chain(integerOf)(readDer(der(encoded))), encoded).to.deep.equal(E.right(value));
    }
    expect(E.isLeft(E.chain(integerOf)(readDer(der('02020001')))), 'a padded integer').to.equal(true);
  });

  it('write object identifiers as X.690 says and read them back', () => {
    expect(hex(derOid('2.16.840.1.101.3.4.2.1'))).to.equal('0609608648016503040201');
    expect(hex(derOid('1.2.840.113549.1.9.16.1.4'))).to.equal('060b2a864886f70d0109100104');
    for (const oid of ['2.16.840.1.101.3.4.2.1', '1.3.6.1.5.5.7.3.8', '2.5.29.37', '1.2.840.10045.4.3.2']) {
      expect(E.chain(oidOf)(readDer(derOid(oid)))).to.deep.equal(E.right(oid));
    }
  });

  it('write lengths in long form past 127 bytes', () => {
    expect(hex(derElement(0x04, new Uint8Array(200))).slice(0, 6)).to.equal('0481c8');
    expect(hex(derElement(0x04, new Uint8Array(300))).slice(0, 8)).to.equal('0482012c');
    expect(readDer(derElement(0x04, new Uint8Array(300)))).to.satisfy(E.isRight);
  });

  it('read nested elements and refuse what DER does not allow', () => {
    const nested = derSequence(derInteger(1n), derSequence(derOid('1.2.3')));
    const children = readChildren(E.getOrElseW(() => { throw new Error('unreadable'); })(readDer(nested)));
    expect(E.map((c: Array<{ tag: number }>) => c.map((e) => e.tag))(children)).to.deep.equal(E.right([0x02, 0x30]));
    expect(readDer(der('3080020101 0000'.replace(/ /g, '')))).to.deep.equal(E.left('an indefinite length at byte 1, which DER does not allow'));
    expect(readDer(der('300502010102'))).to.deep.equal(E.left('the data ends 1 bytes short of the element that starts at byte 0: it is truncated'));
    expect(readDer(der('02010100'))).to.deep.equal(E.left('1 bytes follow the element'));
    expect(readDer(der('048105') )).to.satisfy(E.isLeft);
    expect(readDer(new Uint8Array(0))).to.satisfy(E.isLeft);
  });

  it('read GeneralizedTime with fractions and UTCTime', () => {
    expect(E.map((d: Date) => d.toISOString())(timeOf({ tag: 0x18, bytes: new Uint8Array(0), content: new TextEncoder().encode('20261207101530.25Z') }))).to.deep.equal(E.right('2026-12-07T10:15:30.250Z'));
    expect(E.map((d: Date) => d.toISOString())(timeOf({ tag: 0x17, bytes: new Uint8Array(0), content: new TextEncoder().encode('491231235959Z') }))).to.deep.equal(E.right('2049-12-31T23:59:59.000Z'));
    expect(timeOf({ tag: 0x18, bytes: new Uint8Array(0), content: new TextEncoder().encode('20261307101530Z') })).to.satisfy(E.isLeft);
    expect(timeOf({ tag: 0x18, bytes: new Uint8Array(0), content: new TextEncoder().encode('20261207101530.50Z') })).to.satisfy(E.isLeft);
  });

  it('refuse a GeneralizedTime in the years 0000 to 0099, which a date would read as 19xx', () => {
    expect(timeOf({ tag: 0x18, bytes: new Uint8Array(0), content: new TextEncoder().encode('00261207101530Z') })).to.deep.equal(E.left('a time that is not a calendar date'));
  });

  it('refuse to write an element longer than three length octets can say', () => {
    expect(() => derElement(0x04, new Uint8Array(0x1000000))).to.throw(RangeError, 'a DER element of 16777216 bytes is longer than this writer encodes');
    expect(hex(derElement(0x04, new Uint8Array(0x10000))).slice(0, 10)).to.equal('0483010000');
  });
});

describe('a timestamp request built by hand', () => {
  it('is one openssl reads: version 1, the SHA-256 imprint, the nonce, certificate required', () => {
    requireOpenssl();
    const data = new TextEncoder().encode('the bytes of a signed tree head');
    const request = timestampRequest(data, 0x90167cbb76a3258fn);
    const dir = mkdtempSync(join(tmpdir(), 'csp-onprem-tsq-'));
    try {
      writeFileSync(join(dir, 'request.tsq'), request.der);
      const text = execFileSync('openssl', ['ts', '-query', '-in', join(dir, 'request.tsq'), '-text'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect(text).to.match(/Version: 1/);
      expect(text).to.match(/Hash Algorithm: sha256/);
      expect(text).to.match(/Nonce: 0x90167CBB76A3258F/);
      expect(text).to.match(/Certificate required: yes/);
      const imprint = createHash('sha256').update(data).digest('hex');
      const dumped = [...text.matchAll(/^\s+[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){15}[0-9a-f]{2})/gm)].map((m) => (m[1] as string).replace(/[ -]/g, '')).join('');
      expect(dumped).to.equal(imprint);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
