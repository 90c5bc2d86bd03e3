/** Every stable error code csp-onprem returns. */
export const errorCodes = [
  'InvalidCommand',
  'Forbidden',
  'UnknownPurchase',
  'DuplicatePurchase',
  'CustomerMismatch',
  'AmbiguousOrder',
  'AmbiguousPurchase',
  'VariantNotOffered',
  'CancellationWindowElapsed',
  'CancellationPending',
  'AlreadyCancelled',
  'AmountExceedsPaid',
  'CurrencyMismatch',
  'UnknownTicket',
  'KeyShredded',
  'KeyEncryptionKeyMismatch',
  'VersionConflict',
  'StoreUnavailable',
  'ReadModelMismatch',
] as const;

/** A stable error code. */
export type ErrorCode = (typeof errorCodes)[number];

/** One failing path of an input that did not decode. */
export interface InvalidPath {
  /** Dotted path of the failing field, such as `unitPrice.amount`; empty for the whole input. */
  readonly path: string;
  /** What was expected there. */
  readonly expected: string;
  /** What was found, summarised (never the whole input). */
  readonly found: string;
}

/** Input that is not a valid command: nothing was done. */
export interface InvalidCommandError {
  readonly code: 'InvalidCommand';
  readonly message: string;
  /** The failing paths, at most 20 of them (`MAX_LISTED_ERRORS`). */
  readonly errors: readonly InvalidPath[];
  /** How many more failing paths there were beyond those listed; absent when none. */
  readonly moreErrors?: number;
}

/** A business rule refused the command: nothing was written. */
export interface RuleError {
  readonly code: Exclude<ErrorCode, 'InvalidCommand' | 'VersionConflict' | 'StoreUnavailable' | 'KeyEncryptionKeyMismatch' | 'ReadModelMismatch'>;
  readonly message: string;
}

/** Any error the domain itself can produce. */
export type DomainError = InvalidCommandError | RuleError;

/** Builds a rule error with a readable message. */
export function ruleError(code: RuleError['code'], message: string): RuleError {
  return { code, message };
}
