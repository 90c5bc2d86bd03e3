import { createHash, verify } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { auditError, type AuditError } from '../audit-error.js';
import { sameHash } from '../merkle/hash-functions.js';
import type { SignerInfo } from './cms-signed-data.js';
import { parseSignedToken } from './cms-signed-data.js';
import { algorithmOf } from './algorithm-identifier.js';
import { DerCursor } from './der-cursor.js';
import { DerTag, readChildren, type DerElement } from './der-reader.js';
import { hexOf, oidOf } from './der-values.js';
import { Oid, digestName } from './oids.js';
import { tsaCertificate, type TsaCertificate } from './tsa-certificate.js';
import { parseTstInfo, type TstInfo } from './tst-info.js';

/** What a verified token establishes. */
export interface TimestampVerdict {
  /** When the TSA says the stamped bytes existed. */
  readonly genTime: Date;
  /** The token's serial number, in hex. */
  readonly serialNumber: string;
  /** The TSA policy the token was issued under (OID). */
  readonly policy: string;
  /** The TSA's stated accuracy of genTime, in microseconds, when it gives one. */
  readonly accuracyMicros?: number;
  /** The nonce the token carries, when it carries one. */
  readonly nonce?: bigint;
}

/** What the token must also match besides the stamped bytes. */
export interface VerifyTimestampOptions {
  /** The nonce of the request the token answers: it must carry it back. */
  readonly nonce?: bigint;
}

type Check = E.Either<string, void>;
const ok: Check = E.right(undefined);

/** The only digests accepted for imprints, content and signatures: SHA-1 is no longer safe for them. */
function strongDigest(oid: string): 'sha256' | 'sha384' | 'sha512' | undefined {
  const name = digestName(oid);
  return name === 'sha1' ? undefined : name;
}

function certificateIsForTimestamping(cert: TsaCertificate): Check {
  const usage = cert.extendedKeyUsage;
  if (usage === undefined) return E.left('the certificate given is not a timestamping certificate: it has no extended key usage');
  if (!usage.purposes.includes(Oid.timeStamping)) return E.left('the certificate given is not a timestamping certificate: its extended key usage does not include timeStamping');
  // RFC 3161 §2.3: the extension MUST be critical and the key reserved for timestamping.
  if (!usage.critical) return E.left('the certificate given is not a timestamping certificate: its extended key usage is not marked critical');
  if (usage.purposes.length !== 1) return E.left('the certificate given is not a timestamping certificate only: its key may be used for other purposes too');
  return ok;
}

function signerIsCertificate(signer: SignerInfo, cert: TsaCertificate): Check {
  const sid = signer.sid;
  const same =
    sid.kind === 'issuerAndSerialNumber'
      ? sameHash(sid.issuer, cert.issuer) && sameHash(sid.serial, cert.serial)
      : cert.subjectKeyId !== undefined && sameHash(sid.keyId, cert.subjectKeyId);
  if (same) return ok;
  const named = sid.kind === 'issuerAndSerialNumber' ? `serial ${hexOf(sid.serial)}` : `key id ${hexOf(sid.keyId)}`;
  return E.left(`the token was signed by another certificate (${named}), not the one given (serial ${hexOf(cert.serial)})`);
}

/** The first ESSCertID(v2) hash of a SigningCertificate(V2) attribute, with its digest. */
function essCertHash(values: readonly DerElement[], v2: boolean): E.Either<string, { digest: 'sha1' | 'sha256' | 'sha384' | 'sha512'; hash: Uint8Array }> {
  const attribute = values[0];
  if (values.length !== 1 || attribute === undefined) return E.left('the signing certificate attribute does not have one value');
  const outer = DerCursor.of(attribute, 'the signing certificate attribute');
  if (E.isLeft(outer)) return outer;
  const certs = E.chain(readChildren)(outer.right.take(DerTag.SEQUENCE, 'certificates'));
  if (E.isLeft(certs)) return certs;
  const first = certs.right[0];
  if (first === undefined) return E.left('the signing certificate attribute names no certificate');
  const id = DerCursor.of(first, 'the signing certificate id');
  if (E.isLeft(id)) return id;
  let digest: 'sha1' | 'sha256' | 'sha384' | 'sha512' = v2 ? 'sha256' : 'sha1';
  if (v2) {
    const algorithmElement = id.right.maybe(DerTag.SEQUENCE);
    if (algorithmElement !== undefined) {
      const algorithm = algorithmOf(algorithmElement, 'the signing certificate hash algorithm');
      if (E.isLeft(algorithm)) return algorithm;
      const name = digestName(algorithm.right);
      if (name === undefined) return E.left('the signing certificate is hashed with an algorithm this verifier does not know');
      digest = name;
    }
  }
  const hash = id.right.take(DerTag.OCTET_STRING, 'certificate hash');
  return E.isLeft(hash) ? hash : E.right({ digest, hash: hash.right.content });
}

function signingCertificateIs(signer: SignerInfo, cert: TsaCertificate): Check {
  const v2 = signer.attributes.get(Oid.signingCertificateV2);
  const v1 = signer.attributes.get(Oid.signingCertificate);
  const values = v2 ?? v1;
  if (values === undefined) return E.left('the token does not name its signing certificate (RFC 3161 requires the SigningCertificate attribute)');
  const named = essCertHash(values, v2 !== undefined);
  if (E.isLeft(named)) return named;
  const actual = createHash(named.right.digest).update(cert.der).digest();
  return sameHash(named.right.hash, actual) ? ok : E.left('the token names another signing certificate than the one given');
}

function contentIsSigned(signer: SignerInfo, contentType: string, content: Uint8Array): Check {
  const digest = strongDigest(signer.digestAlgorithm);
  if (digest === undefined) return E.left('the token is signed over a digest this verifier does not accept');
  const typeValues = signer.attributes.get(Oid.contentType);
  const typeValue = typeValues?.length === 1 ? typeValues[0] : undefined;
  const signedType = typeValue === undefined ? E.left('no content type') : oidOf(typeValue);
  if (E.isLeft(signedType) || signedType.right !== contentType) return E.left('the token\'s signed content type is missing or is not its content\'s');
  const digestValues = signer.attributes.get(Oid.messageDigest);
  const digestValue = digestValues?.length === 1 ? digestValues[0] : undefined;
  if (digestValue === undefined || digestValue.tag !== DerTag.OCTET_STRING) return E.left('the token has no signed digest of its content');
  const actual = createHash(digest).update(content).digest();
  return sameHash(digestValue.content, actual) ? ok : E.left('the token\'s content (its TSTInfo: time, imprint, serial) was changed after it was signed');
}

function signatureHolds(signer: SignerInfo, cert: TsaCertificate): Check {
  const contentDigest = strongDigest(signer.digestAlgorithm);
  const byAlgorithm: Record<string, { readonly digest: string | undefined; readonly key: 'rsa' | 'ec' }> = {
    [Oid.rsaEncryption]: { digest: contentDigest, key: 'rsa' },
    [Oid.sha256WithRsa]: { digest: 'sha256', key: 'rsa' },
    [Oid.sha384WithRsa]: { digest: 'sha384', key: 'rsa' },
    [Oid.sha512WithRsa]: { digest: 'sha512', key: 'rsa' },
    [Oid.ecdsaWithSha256]: { digest: 'sha256', key: 'ec' },
    [Oid.ecdsaWithSha384]: { digest: 'sha384', key: 'ec' },
    [Oid.ecdsaWithSha512]: { digest: 'sha512', key: 'ec' },
  };
  const scheme = byAlgorithm[signer.signatureAlgorithm];
  if (scheme === undefined || scheme.digest === undefined) {
    return E.left(`the token is signed with an algorithm this verifier does not support (${signer.signatureAlgorithm}); RSA PKCS #1 v1.5 and ECDSA with SHA-2 are`);
  }
  const key = cert.x509.publicKey;
  if (key.asymmetricKeyType !== scheme.key) return E.left(`the token is signed with ${scheme.key === 'rsa' ? 'RSA' : 'ECDSA'}, but the certificate given holds an ${key.asymmetricKeyType ?? 'unknown'} key`);
  let holds: boolean;
  try {
    holds = verify(scheme.digest, signer.signedAttributes, key, signer.signature);
  } catch {
    // node:crypto throws on signatures it cannot even parse (an ECDSA value that is not DER).
    holds = false;
  }
  return holds ? ok : E.left('the token\'s signature does not verify with the certificate\'s key: the token was changed, or signed by another key');
}

function imprintIs(info: TstInfo, stampedBytes: Uint8Array): Check {
  const digest = strongDigest(info.hashAlgorithm);
  if (digest === undefined) return E.left('the token\'s message imprint uses a hash this verifier does not accept');
  const actual = createHash(digest).update(stampedBytes).digest();
  return sameHash(info.hashedMessage, actual) ? ok : E.left(`the token stamps other bytes: its message imprint is not the ${digest.toUpperCase()} of the bytes given`);
}

/**
 * Checks an RFC 3161 timestamp token (DER ContentInfo) for `stampedBytes` against the TSA's
 * certificate (PEM), which the auditor pins: the certificate is for timestamping only (critical
 * extended key usage timeStamping); the token is one CMS SignedData of a TSTInfo whose message
 * imprint is the hash of the bytes and whose nonce is the request's; its signer is that
 * certificate (issuer and serial, and the signing certificate attribute's hash); the signed
 * attributes' message digest is the hash of the TSTInfo; the signature over the DER signed
 * attributes verifies with the certificate's key (RSA PKCS #1 v1.5 or ECDSA, SHA-2); genTime
 * lies within the certificate's validity. Right with genTime and the token's details.
 */
export function verifyTimestampToken(
  token: Uint8Array,
  stampedBytes: Uint8Array,
  tsaCertificatePem: string,
  options: VerifyTimestampOptions = {},
): E.Either<AuditError<'UnusableCertificate' | 'TimestampRefused'>, TimestampVerdict> {
  const cert = tsaCertificate(tsaCertificatePem);
  if (E.isLeft(cert)) return cert;
  const refuse = (why: string) => E.left(auditError('TimestampRefused', why));
  const usage = certificateIsForTimestamping(cert.right);
  if (E.isLeft(usage)) return refuse(usage.left);

  const signed = parseSignedToken(token);
  if (E.isLeft(signed)) return refuse(`the token is damaged or truncated: ${signed.left}`);
  if (signed.right.contentType !== Oid.tstInfo) return refuse('the token does not hold a timestamp (its content is not a TSTInfo)');
  const [signer, ...others] = signed.right.signers;
  if (signer === undefined) return refuse('the token is not signed');
  if (others.length > 0) return refuse('the token carries more than one signature, which RFC 3161 forbids');
  const info = parseTstInfo(signed.right.content);
  if (E.isLeft(info)) return refuse(`the token is damaged: ${info.left}`);

  const checks: ReadonlyArray<() => Check> = [
    () => imprintIs(info.right, stampedBytes),
    () =>
      options.nonce === undefined || info.right.nonce === options.nonce
        ? ok
        : E.left(info.right.nonce === undefined ? 'the token carries no nonce, though the request had one' : 'the token carries another nonce than the request: it answers another request'),
    () => signerIsCertificate(signer, cert.right),
    () => signingCertificateIs(signer, cert.right),
    () => contentIsSigned(signer, signed.right.contentType, signed.right.content),
    () => signatureHolds(signer, cert.right),
    () =>
      info.right.genTime >= cert.right.notBefore && info.right.genTime <= cert.right.notAfter
        ? ok
        : E.left(`the token is dated ${info.right.genTime.toISOString()}, outside the certificate's validity (${cert.right.notBefore.toISOString()} to ${cert.right.notAfter.toISOString()})`),
  ];
  for (const check of checks) {
    const result = check();
    if (E.isLeft(result)) return refuse(result.left);
  }
  return E.right({
    genTime: info.right.genTime,
    serialNumber: info.right.serialNumber.toString(16),
    policy: info.right.policy,
    ...(info.right.accuracyMicros === undefined ? {} : { accuracyMicros: info.right.accuracyMicros }),
    ...(info.right.nonce === undefined ? {} : { nonce: info.right.nonce }),
  });
}
