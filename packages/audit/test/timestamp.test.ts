import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import {
  logTreeHead,
  requestTimestamp,
  signTreeHead,
  signedHeadStampBytes,
  verifyTimestampToken,
  type TimestampReply,
} from '@csp-onprem/audit';
import { TSA_CREDENTIALS, requireOpenssl, startLocalTsa, type LocalTsa } from './local-tsa.js';
import { ed25519Pems, interleavedLog, left, right } from './support.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('an RFC 3161 timestamp from a real TSA (openssl ts behind a local HTTP server)', function () {
  this.timeout(120_000);
  let tsa: LocalTsa;
  let rsaReply: TimestampReply;
  const stamped = bytes('{"format":"csp-onprem-tree-head/1","root":"..."}');

  before(async () => {
    tsa = await startLocalTsa();
    rsaReply = right(await requestTimestamp(tsa.url('rsa'), stamped));
  });

  after(async () => {
    await tsa?.close();
  });

  it('verifies a token signed with RSA (PKCS #1 v1.5, SHA-256), answering its time', () => {
    const verdict = right(verifyTimestampToken(rsaReply.token, stamped, tsa.certificates.rsa, { nonce: rsaReply.nonce }));
    expect(verdict.genTime.getTime()).to.equal(rsaReply.genTime.getTime());
    expect(Math.abs(verdict.genTime.getTime() - Date.now())).to.be.lessThan(120_000);
    expect(verdict).to.deep.include({ policy: '1.2.3.4.1', nonce: rsaReply.nonce, accuracyMicros: 1_500_000 });
  });

  it('verifies a token signed with ECDSA P-256 (SHA-256)', async () => {
    const reply = right(await requestTimestamp(tsa.url('ec'), stamped));
    const verdict = right(verifyTimestampToken(reply.token, stamped, tsa.certificates.ec, { nonce: reply.nonce }));
    expect(verdict.genTime.getTime()).to.equal(reply.genTime.getTime());
  });

  it('anchors a signed tree head in time, and no changed head', async () => {
    const head = right(signTreeHead(right(await logTreeHead(await interleavedLog(2, 3))), ed25519Pems().privateKey, new Date()));
    const reply = right(await requestTimestamp(tsa.url('ec'), signedHeadStampBytes(head)));
    right(verifyTimestampToken(reply.token, signedHeadStampBytes(head), tsa.certificates.ec));
    const changed = { ...head, treeSize: head.treeSize + 1 };
    expect(left(verifyTimestampToken(reply.token, signedHeadStampBytes(changed), tsa.certificates.ec)).message).to.match(/^the token stamps other bytes/);
  });

  it('refuses a token for other bytes', () => {
    expect(left(verifyTimestampToken(rsaReply.token, bytes('other bytes'), tsa.certificates.rsa))).to.deep.equal({
      code: 'TimestampRefused',
      message: 'the token stamps other bytes: its message imprint is not the SHA256 of the bytes given',
    });
  });

  it('refuses a token checked against another TSA\'s certificate', () => {
    expect(left(verifyTimestampToken(rsaReply.token, stamped, tsa.certificates.other)).message).to.equal(
      'the token was signed by another certificate (serial 1001), not the one given (serial 1003)',
    );
  });

  it('refuses a certificate with the TSA\'s own key and serial that is not for timestamping', () => {
    expect(left(verifyTimestampToken(rsaReply.token, stamped, tsa.certificates.withoutTimestamping)).message).to.equal(
      'the certificate given is not a timestamping certificate: it has no extended key usage',
    );
  });

  it('refuses a truncated token', () => {
    for (const length of [0, 10, Math.floor(rsaReply.token.length / 2), rsaReply.token.length - 1]) {
      const error = left(verifyTimestampToken(rsaReply.token.subarray(0, length), stamped, tsa.certificates.rsa));
      expect(error.code, `cut at ${length}`).to.equal('TimestampRefused');
      expect(error.message, `cut at ${length}`).to.match(/^the token is damaged or truncated: /);
    }
  });

  it('refuses a token whose time was changed after signing', () => {
    const token = Buffer.from(rsaReply.token);
    const year = String(rsaReply.genTime.getUTCFullYear());
    const at = token.indexOf(Buffer.from(year));
    expect(at).to.be.greaterThan(0);
    token[at + 3] = token[at + 3] === 0x39 ? 0x38 : (token[at + 3] as number) + 1;
    expect(left(verifyTimestampToken(token, stamped, tsa.certificates.rsa)).message).to.equal(
      "the token's content (its TSTInfo: time, imprint, serial) was changed after it was signed",
    );
  });

  it('refuses a token whose signature was damaged', () => {
    const token = Buffer.from(rsaReply.token);
    token[token.length - 1] = (token[token.length - 1] as number) ^ 0x01;
    expect(left(verifyTimestampToken(token, stamped, tsa.certificates.rsa)).message).to.equal(
      "the token's signature does not verify with the certificate's key: the token was changed, or signed by another key",
    );
  });

  it('refuses a token that does not carry the request\'s nonce', () => {
    expect(left(verifyTimestampToken(rsaReply.token, stamped, tsa.certificates.rsa, { nonce: rsaReply.nonce + 1n })).message).to.equal(
      'the token carries another nonce than the request: it answers another request',
    );
  });

  it('refuses a certificate file that is not a certificate, without quoting it', () => {
    const error = left(verifyTimestampToken(rsaReply.token, stamped, 'password = hunter2'));
    expect(error).to.deep.equal({ code: 'UnusableCertificate', message: 'the TSA certificate is not a PEM X.509 certificate' });
  });

  it('answers an HTTP error as a TSA that is unavailable', async () => {
    expect(left(await requestTimestamp(tsa.url('error'), stamped))).to.deep.equal({ code: 'TsaUnavailable', message: `the TSA at ${new URL(tsa.url('error')).origin} answered HTTP 503` });
  });

  it('answers garbage from a TSA as a failure, without quoting it', async () => {
    const error = left(await requestTimestamp(tsa.url('garbage'), stamped));
    expect(error.code).to.equal('TsaFailed');
    expect(error.message).to.match(/did not answer with a timestamp response: /);
    expect(error.message).not.to.include('Welcome');
  });

  it('answers a truncated reply as a failure', async () => {
    const error = left(await requestTimestamp(tsa.url('truncated'), stamped));
    expect(error.code).to.equal('TsaFailed');
    expect(error.message).to.match(/it is truncated$/);
  });

  it('answers a TSA\'s refusal with its reasons', async () => {
    expect(left(await requestTimestamp(tsa.url('reject'), stamped)).message).to.match(/refused the request: rejection: .*unrecognised or unsupported algorithm$/);
  });

  it('refuses a token granted for another request', async () => {
    expect(left(await requestTimestamp(tsa.url('other-request'), stamped)).message).to.match(/answered with a token for another request/);
  });

  it('answers a TSA nobody listens for as unavailable, naming it without the URL\'s password', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = left(await requestTimestamp(`http://auditor:hunter2@127.0.0.1:${port}/rsa`, stamped));
    expect(error).to.deep.equal({ code: 'TsaUnavailable', message: `could not reach the TSA at http://127.0.0.1:${port}: ECONNREFUSED` });
    expect(left(await requestTimestamp('not a url hunter2', stamped))).to.deep.equal({ code: 'TsaUnavailable', message: 'the TSA address is not a URL' });
  });

  it('sends a URL\'s user name and password as basic authentication, not in the URL', async () => {
    const url = new URL(tsa.url('basic-auth'));
    expect(left(await requestTimestamp(url.href, stamped)).message).to.match(/answered HTTP 401$/);
    url.username = TSA_CREDENTIALS.user;
    url.password = encodeURIComponent(TSA_CREDENTIALS.password);
    const reply = right(await requestTimestamp(url.href, stamped));
    right(verifyTimestampToken(reply.token, stamped, tsa.certificates.rsa, { nonce: reply.nonce }));
  });

  it('answers a user name or password that is not valid percent-encoding as an unavailable TSA, without quoting it', async () => {
    const error = left(await requestTimestamp('http://auditor:hunter2%zz@127.0.0.1:9/rsa', stamped));
    expect(error).to.deep.equal({ code: 'TsaUnavailable', message: 'the user name or password in the address of the TSA at http://127.0.0.1:9 is not valid percent-encoding' });
  });

  it('never answers ok for a token checked against the wrong bytes, certificate or nonce', () => {
    const attempts = [
      verifyTimestampToken(rsaReply.token, bytes(''), tsa.certificates.rsa),
      verifyTimestampToken(rsaReply.token, stamped, tsa.certificates.ec),
      verifyTimestampToken(new Uint8Array(0), stamped, tsa.certificates.rsa),
    ];
    expect(attempts.every(E.isLeft)).to.equal(true);
  });
});

describe('the local TSA the timestamp tests run', () => {
  it('fails, saying so, when openssl cannot be found', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => requireOpenssl()).to.throw(/^openssl is not installed \(or cannot be run\): the RFC 3161 tests run a real TSA with `openssl ts`/);
    } finally {
      process.env.PATH = path;
    }
  });
});
