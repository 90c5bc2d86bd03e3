import type { ErrorCode } from '@csp-onprem/domain';

/** Problems the HTTP layer itself reports, beside the engine's error codes. */
export const serverProblemCodes = [
  'Unauthenticated',
  'IdentityUnavailable',
  'MalformedRequest',
  'UnsupportedMediaType',
  'PayloadTooLarge',
  'NotFound',
  'RequestTimeout',
  'ShuttingDown',
  'InternalError',
] as const;

/** A problem the HTTP layer itself reports. */
export type ServerProblemCode = (typeof serverProblemCodes)[number];

/** Every `code` a problem body can carry: the engine's stable codes and the server's own. */
export type ProblemCode = ErrorCode | ServerProblemCode;

/** The HTTP status and the short, fixed title of one kind of problem. */
export interface ProblemType {
  readonly status: number;
  readonly title: string;
}

/**
 * The one mapping from problem codes to HTTP statuses and titles (RFC 9457). Every answer that
 * is not a success goes through it, so a code always answers the same status on every route.
 */
export const problemTypes: Readonly<Record<ProblemCode, ProblemType>> = {
  // The engine's codes.
  InvalidCommand: { status: 400, title: 'The request is not a valid command or query' },
  Forbidden: { status: 403, title: 'The signed-in actor may not do this' },
  UnknownPurchase: { status: 404, title: 'No such purchase' },
  UnknownTicket: { status: 404, title: 'No such cancellation ticket' },
  DuplicatePurchase: { status: 409, title: 'That subscription id is already a purchase' },
  CancellationPending: { status: 409, title: 'A cancellation request is already open for this purchase' },
  AlreadyCancelled: { status: 409, title: 'The purchase is cancelled' },
  CancellationWindowElapsed: { status: 409, title: 'The cancellation window has closed' },
  VersionConflict: { status: 409, title: 'Another writer changed the purchase first; send the same command again' },
  CustomerMismatch: { status: 422, title: 'The customer does not match the purchase' },
  AmbiguousOrder: { status: 422, title: 'The order has several purchases: name the subscription' },
  AmbiguousPurchase: { status: 422, title: 'Several purchases have this subscription id: name the partner' },
  VariantNotOffered: { status: 422, title: 'The product does not offer this variant' },
  AmountExceedsPaid: { status: 422, title: 'The requested amount exceeds what was paid' },
  CurrencyMismatch: { status: 422, title: "The amount is not in the purchase's currency" },
  KeyShredded: { status: 410, title: "The key's data key was destroyed: it can never be shown again" },
  ReadModelMismatch: { status: 500, title: 'A saved read model disagrees with the log; an operator must rebuild it' },
  KeyEncryptionKeyMismatch: { status: 500, title: "The service's key-encryption key does not open the stored data keys" },
  StoreUnavailable: { status: 503, title: 'The event store is unavailable; retry later' },
  // The server's own.
  Unauthenticated: { status: 401, title: 'A valid bearer token is required' },
  IdentityUnavailable: { status: 503, title: "The identity provider's signing keys could not be fetched; retry later" },
  MalformedRequest: { status: 400, title: 'The request body is not valid JSON' },
  UnsupportedMediaType: { status: 415, title: 'The body must be application/json' },
  PayloadTooLarge: { status: 413, title: 'The request body is too large' },
  NotFound: { status: 404, title: 'No such resource' },
  RequestTimeout: { status: 503, title: 'The request took too long; retry later with the same command id' },
  ShuttingDown: { status: 503, title: 'The service is shutting down; retry on another instance' },
  InternalError: { status: 500, title: 'The service failed unexpectedly' },
};
