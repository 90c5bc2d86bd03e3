/** What an audit step can refuse with, each a plain-words verdict. */
export type AuditErrorCode =
  /** A file is not the document it should be (its fields are named, its content never quoted). */
  | 'InvalidDocument'
  /** A key file cannot be used: not PEM, or not the kind of key the step needs. */
  | 'UnusableKey'
  /** A signed tree head's signature does not hold for the key given. */
  | 'SignatureRefused'
  /** A proof does not prove what it claims. */
  | 'ProofRefused'
  /** The event asked for is not in the log a head covers. */
  | 'NotInLog'
  /** The log as it is now no longer matches a head, so no proof can be made from it. */
  | 'LogDiffers'
  /** A time-stamping authority could not be reached, or answered with an HTTP error. */
  | 'TsaUnavailable'
  /** A time-stamping authority answered, but refused the request or answered something else than a token for it. */
  | 'TsaFailed'
  /** A certificate file cannot be used: not a PEM X.509 certificate. */
  | 'UnusableCertificate'
  /** A timestamp token does not prove that the bytes existed at its time. */
  | 'TimestampRefused';

/** A refusal with its code and the reason in words an auditor understands. */
export interface AuditError<C extends AuditErrorCode = AuditErrorCode> {
  readonly code: C;
  readonly message: string;
}

/** Builds an `AuditError`. */
export function auditError<C extends AuditErrorCode>(code: C, message: string): AuditError<C> {
  return { code, message };
}
