import * as E from 'fp-ts/lib/Either.js';
import { algorithmOf } from './algorithm-identifier.js';
import { DerCursor } from './der-cursor.js';
import { DerTag, contextTag, readChildren, readDer, type DerElement } from './der-reader.js';
import { integerOf, oidOf } from './der-values.js';
import { Oid } from './oids.js';

/** How a SignerInfo names its certificate (RFC 5652 §5.3 SignerIdentifier). */
export type SignerIdentifier =
  | { readonly kind: 'issuerAndSerialNumber'; readonly issuer: Uint8Array; readonly serial: Uint8Array }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyId: Uint8Array };

/** One signature of a CMS SignedData, with the bytes it covers. */
export interface SignerInfo {
  readonly sid: SignerIdentifier;
  /** The OID of the digest of the content and of the signed attributes. */
  readonly digestAlgorithm: string;
  /**
   * The DER of the signed attributes re-tagged as the SET OF they are (0x31 instead of the
   * IMPLICIT [0] they are sent as): the bytes the signature covers (RFC 5652 §5.4).
   */
  readonly signedAttributes: Uint8Array;
  /** Each signed attribute's values by attribute type OID (each type once). */
  readonly attributes: ReadonlyMap<string, readonly DerElement[]>;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
}

/** A CMS SignedData carrying a timestamp (RFC 3161 §2.4.2 TimeStampToken). */
export interface SignedToken {
  /** The OID of the encapsulated content's type. */
  readonly contentType: string;
  /** The encapsulated content's octets: for a timestamp, the DER TSTInfo. */
  readonly content: Uint8Array;
  readonly signers: readonly SignerInfo[];
}

function signerIdentifierOf(element: DerElement): E.Either<string, SignerIdentifier> {
  if (element.tag === contextTag(0, false)) return E.right({ kind: 'subjectKeyIdentifier', keyId: element.content });
  const cursor = DerCursor.of(element, 'the signer identifier');
  if (E.isLeft(cursor)) return cursor;
  const issuer = cursor.right.take(DerTag.SEQUENCE, 'issuer');
  if (E.isLeft(issuer)) return issuer;
  const serial = cursor.right.take(DerTag.INTEGER, 'serial number');
  if (E.isLeft(serial)) return serial;
  const end = cursor.right.end();
  return E.isLeft(end) ? end : E.right({ kind: 'issuerAndSerialNumber', issuer: issuer.right.bytes, serial: serial.right.content });
}

function attributesOf(element: DerElement): E.Either<string, Map<string, DerElement[]>> {
  const children = readChildren(element);
  if (E.isLeft(children)) return E.left(`the signed attributes: ${children.left}`);
  const attributes = new Map<string, DerElement[]>();
  for (const attribute of children.right) {
    const cursor = DerCursor.of(attribute, 'a signed attribute');
    if (E.isLeft(cursor)) return cursor;
    const type = E.chain(oidOf)(cursor.right.take(DerTag.OID, 'type'));
    if (E.isLeft(type)) return type;
    const values = E.chain(readChildren)(cursor.right.take(DerTag.SET, 'values'));
    if (E.isLeft(values)) return values;
    const end = cursor.right.end();
    if (E.isLeft(end)) return end;
    if (attributes.has(type.right)) return E.left(`the signed attribute ${type.right} appears twice`);
    attributes.set(type.right, values.right);
  }
  return E.right(attributes);
}

function signerInfoOf(element: DerElement): E.Either<string, SignerInfo> {
  const cursor = DerCursor.of(element, 'the SignerInfo');
  if (E.isLeft(cursor)) return cursor;
  const c = cursor.right;
  const version = c.take(DerTag.INTEGER, 'version');
  if (E.isLeft(version)) return version;
  const sidElement = c.maybe(DerTag.SEQUENCE) ?? c.maybe(contextTag(0, false));
  if (sidElement === undefined) return E.left('the SignerInfo has no signer identifier');
  const sid = signerIdentifierOf(sidElement);
  if (E.isLeft(sid)) return sid;
  const digestAlgorithm = E.chain((e: DerElement) => algorithmOf(e, 'the digest algorithm'))(c.take(DerTag.SEQUENCE, 'digest algorithm'));
  if (E.isLeft(digestAlgorithm)) return digestAlgorithm;
  const signedAttrs = c.take(contextTag(0, true), 'signed attributes');
  if (E.isLeft(signedAttrs)) return E.left('the SignerInfo has no signed attributes, which a timestamp token must have (RFC 3161 §2.4.1)');
  const attributes = attributesOf(signedAttrs.right);
  if (E.isLeft(attributes)) return attributes;
  const signatureAlgorithm = E.chain((e: DerElement) => algorithmOf(e, 'the signature algorithm'))(c.take(DerTag.SEQUENCE, 'signature algorithm'));
  if (E.isLeft(signatureAlgorithm)) return signatureAlgorithm;
  const signature = c.take(DerTag.OCTET_STRING, 'signature');
  if (E.isLeft(signature)) return signature;
  c.maybe(contextTag(1, true)); // unsigned attributes
  const end = c.end();
  if (E.isLeft(end)) return end;
  const signedAttributes = Uint8Array.from(signedAttrs.right.bytes);
  signedAttributes[0] = DerTag.SET;
  return E.right({
    sid: sid.right,
    digestAlgorithm: digestAlgorithm.right,
    signedAttributes,
    attributes: attributes.right,
    signatureAlgorithm: signatureAlgorithm.right,
    signature: signature.right.content,
  });
}

/** Parses a DER ContentInfo holding a SignedData (RFC 5652 §3, §5.1); a Left says which part is wrong. */
export function parseSignedToken(token: Uint8Array): E.Either<string, SignedToken> {
  const root = readDer(token);
  if (E.isLeft(root)) return root;
  const info = DerCursor.of(root.right, 'the token');
  if (E.isLeft(info)) return info;
  const contentType = E.chain(oidOf)(info.right.take(DerTag.OID, 'content type'));
  if (E.isLeft(contentType)) return contentType;
  if (contentType.right !== Oid.signedData) return E.left('the token is not CMS SignedData');
  const explicit = info.right.take(contextTag(0, true), 'content');
  if (E.isLeft(explicit)) return explicit;
  const infoEnd = info.right.end();
  if (E.isLeft(infoEnd)) return infoEnd;
  const inner = readChildren(explicit.right);
  if (E.isLeft(inner)) return inner;
  if (inner.right.length !== 1) return E.left('the token\'s content is not one SignedData');

  const signed = DerCursor.of(inner.right[0] as DerElement, 'the SignedData');
  if (E.isLeft(signed)) return signed;
  const s = signed.right;
  const version = E.chain(integerOf)(s.take(DerTag.INTEGER, 'version'));
  if (E.isLeft(version)) return version;
  const digests = s.take(DerTag.SET, 'digest algorithms');
  if (E.isLeft(digests)) return digests;
  const encapsulated = s.take(DerTag.SEQUENCE, 'encapsulated content');
  if (E.isLeft(encapsulated)) return encapsulated;
  s.maybe(contextTag(0, true)); // certificates: the certificate is pinned by the caller, not taken from here.
  s.maybe(contextTag(1, true)); // CRLs
  const signerSet = s.take(DerTag.SET, 'signer infos');
  if (E.isLeft(signerSet)) return signerSet;
  const signedEnd = s.end();
  if (E.isLeft(signedEnd)) return signedEnd;

  const encap = DerCursor.of(encapsulated.right, 'the encapsulated content');
  if (E.isLeft(encap)) return encap;
  const eContentType = E.chain(oidOf)(encap.right.take(DerTag.OID, 'content type'));
  if (E.isLeft(eContentType)) return eContentType;
  const eContentExplicit = encap.right.take(contextTag(0, true), 'content');
  if (E.isLeft(eContentExplicit)) return E.left('the token encapsulates no content');
  const encapEnd = encap.right.end();
  if (E.isLeft(encapEnd)) return encapEnd;
  const eContent = readChildren(eContentExplicit.right);
  if (E.isLeft(eContent)) return eContent;
  const octets = eContent.right[0];
  if (eContent.right.length !== 1 || octets === undefined || octets.tag !== DerTag.OCTET_STRING) return E.left('the encapsulated content is not one OCTET STRING');

  const signerElements = readChildren(signerSet.right);
  if (E.isLeft(signerElements)) return signerElements;
  const signers: SignerInfo[] = [];
  for (const element of signerElements.right) {
    const signer = signerInfoOf(element);
    if (E.isLeft(signer)) return signer;
    signers.push(signer.right);
  }
  return E.right({ contentType: eContentType.right, content: octets.content, signers });
}
