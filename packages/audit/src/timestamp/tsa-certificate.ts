import { X509Certificate } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { auditError, type AuditError } from '../audit-error.js';
import { DerCursor } from './der-cursor.js';
import { DerTag, contextTag, readChildren, readDer, type DerElement } from './der-reader.js';
import { booleanOf, oidOf, timeOf } from './der-values.js';
import { Oid } from './oids.js';

/** What the verification of a token needs from the TSA's certificate. */
export interface TsaCertificate {
  readonly x509: X509Certificate;
  /** The certificate's DER. */
  readonly der: Uint8Array;
  /** The issuer Name's DER, as an IssuerAndSerialNumber quotes it. */
  readonly issuer: Uint8Array;
  /** The serial number INTEGER's value octets. */
  readonly serial: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The extended key usage extension, when there is one. */
  readonly extendedKeyUsage?: { readonly critical: boolean; readonly purposes: readonly string[] };
  /** The subject key identifier, when there is one. */
  readonly subjectKeyId?: Uint8Array;
}

interface Extensions {
  extendedKeyUsage?: { critical: boolean; purposes: string[] };
  subjectKeyId?: Uint8Array;
}

function extensionsOf(element: DerElement): E.Either<string, Extensions> {
  const list = E.chain((inner: DerElement[]) => (inner.length === 1 ? readChildren(inner[0] as DerElement) : E.left('extensions that are not one SEQUENCE')))(readChildren(element));
  if (E.isLeft(list)) return list;
  const found: Extensions = {};
  for (const extension of list.right) {
    const cursor = DerCursor.of(extension, 'an extension');
    if (E.isLeft(cursor)) return cursor;
    const id = E.chain(oidOf)(cursor.right.take(DerTag.OID, 'id'));
    if (E.isLeft(id)) return id;
    const criticalElement = cursor.right.maybe(DerTag.BOOLEAN);
    const critical = criticalElement === undefined ? E.right(false) : booleanOf(criticalElement);
    if (E.isLeft(critical)) return critical;
    const value = cursor.right.take(DerTag.OCTET_STRING, 'value');
    if (E.isLeft(value)) return value;
    if (id.right === Oid.extendedKeyUsage) {
      const purposes = E.chain(readChildren)(readDer(value.right.content));
      if (E.isLeft(purposes)) return purposes;
      const oids: string[] = [];
      for (const purpose of purposes.right) {
        const oid = oidOf(purpose);
        if (E.isLeft(oid)) return oid;
        oids.push(oid.right);
      }
      found.extendedKeyUsage = { critical: critical.right, purposes: oids };
    } else if (id.right === Oid.subjectKeyIdentifier) {
      const keyId = readDer(value.right.content);
      if (E.isLeft(keyId)) return keyId;
      found.subjectKeyId = keyId.right.content;
    }
  }
  return E.right(found);
}

function fieldsOf(der: Uint8Array): E.Either<string, Omit<TsaCertificate, 'x509' | 'der'>> {
  const root = readDer(der);
  if (E.isLeft(root)) return root;
  const certificate = DerCursor.of(root.right, 'the certificate');
  if (E.isLeft(certificate)) return certificate;
  const tbsElement = certificate.right.take(DerTag.SEQUENCE, 'to-be-signed part');
  if (E.isLeft(tbsElement)) return tbsElement;
  const tbs = DerCursor.of(tbsElement.right, 'the certificate');
  if (E.isLeft(tbs)) return tbs;
  const t = tbs.right;
  t.maybe(contextTag(0, true)); // version
  const serial = t.take(DerTag.INTEGER, 'serial number');
  if (E.isLeft(serial)) return serial;
  const signature = t.take(DerTag.SEQUENCE, 'signature algorithm');
  if (E.isLeft(signature)) return signature;
  const issuer = t.take(DerTag.SEQUENCE, 'issuer');
  if (E.isLeft(issuer)) return issuer;
  const validityElement = t.take(DerTag.SEQUENCE, 'validity');
  if (E.isLeft(validityElement)) return validityElement;
  const validity = readChildren(validityElement.right);
  if (E.isLeft(validity)) return validity;
  const [from, to] = validity.right;
  if (from === undefined || to === undefined) return E.left('the certificate\'s validity is incomplete');
  const notBefore = timeOf(from);
  if (E.isLeft(notBefore)) return notBefore;
  const notAfter = timeOf(to);
  if (E.isLeft(notAfter)) return notAfter;
  const subject = t.take(DerTag.SEQUENCE, 'subject');
  if (E.isLeft(subject)) return subject;
  const publicKey = t.take(DerTag.SEQUENCE, 'public key');
  if (E.isLeft(publicKey)) return publicKey;
  t.maybe(contextTag(1, false));
  t.maybe(contextTag(2, false));
  const extensionsElement = t.maybe(contextTag(3, true));
  const extensions = extensionsElement === undefined ? E.right({} as Extensions) : extensionsOf(extensionsElement);
  if (E.isLeft(extensions)) return extensions;
  return E.right({ issuer: issuer.right.bytes, serial: serial.right.content, notBefore: notBefore.right, notAfter: notAfter.right, ...extensions.right });
}

/** Reads the TSA's certificate from PEM; a Left when it is not an X.509 certificate, without quoting the text. */
export function tsaCertificate(pem: string): E.Either<AuditError<'UnusableCertificate'>, TsaCertificate> {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    return E.left(auditError('UnusableCertificate', 'the TSA certificate is not a PEM X.509 certificate'));
  }
  const der = new Uint8Array(x509.raw);
  const fields = fieldsOf(der);
  if (E.isLeft(fields)) return E.left(auditError('UnusableCertificate', `the TSA certificate cannot be read: ${fields.left}`));
  return E.right({ x509, der, ...fields.right });
}
