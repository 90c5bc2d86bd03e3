/**
 * The data key exists but the key-encryption key given cannot open it: it was wrapped under
 * another KEK (`wrappedUnder` names it), or its stored bytes were changed. Not shredded: the
 * right KEK still opens it.
 */
export class KeyEncryptionKeyMismatchError extends Error {
  override readonly name = 'KeyEncryptionKeyMismatchError';
  constructor(
    message: string,
    /** The data key concerned. */
    readonly dataKeyId: string,
    /** The KEK id stored beside it. */
    readonly wrappedUnder: string,
  ) {
    super(message);
  }
}

/** A key vault asked to do what its configuration cannot: seal or show keys without a key-encryption key. */
export class KeyCustodyUnconfiguredError extends Error {
  override readonly name = 'KeyCustodyUnconfiguredError';
}

/**
 * A key-encryption key refused to unwrap bytes it did not wrap, or that were changed. KMS
 * adapters throw it for their service's equivalent answer, so that a wrong key is told apart
 * from an outage.
 */
export class WrappedKeyRejectedError extends Error {
  override readonly name = 'WrappedKeyRejectedError';
}
