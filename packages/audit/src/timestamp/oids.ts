/** Object identifiers of the algorithms and structures RFC 3161, CMS (RFC 5652) and X.509 use here. */
export const Oid = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha1: '1.3.14.3.2.26',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  extendedKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** The node:crypto name of a digest algorithm OID, for the digests a token may use. */
export function digestName(oid: string): 'sha256' | 'sha384' | 'sha512' | 'sha1' | undefined {
  switch (oid) {
    case Oid.sha256:
      return 'sha256';
    case Oid.sha384:
      return 'sha384';
    case Oid.sha512:
      return 'sha512';
    case Oid.sha1:
      return 'sha1';
    default:
      return undefined;
  }
}
