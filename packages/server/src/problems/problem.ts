import type { InvalidPath } from '@csp-onprem/domain';
import type { EngineError } from '@csp-onprem/engine';
import { problemTypes, type ProblemCode } from './problem-types.js';

/** The URI prefix of every problem `type`: the code follows it. */
export const PROBLEM_TYPE_PREFIX = 'urn:csp-onprem:problem:';

/** An RFC 9457 problem body, with the stable `code` beside the standard members. */
export interface Problem {
  /** `urn:csp-onprem:problem:<code>`. */
  readonly type: string;
  /** The fixed title of the code (the same for every occurrence). */
  readonly title: string;
  readonly status: number;
  /** What went wrong this time, in words; never a key, a token or a stack. */
  readonly detail: string;
  readonly code: ProblemCode;
  /** For `InvalidCommand`: each failing path, what was expected there and what was found. */
  readonly errors?: readonly InvalidPath[];
}

/** Builds a problem of a code with its status and title from the one mapping. */
export function problem(code: ProblemCode, detail: string, errors?: readonly InvalidPath[]): Problem {
  const { status, title } = problemTypes[code];
  return { type: `${PROBLEM_TYPE_PREFIX}${code}`, title, status, detail, code, ...(errors === undefined ? {} : { errors }) };
}

/**
 * What a caller is told of a server-side failure: the engine's message names stores, files and
 * hosts, so it goes to the log only, and the caller learns what to do about it.
 */
const serverSideDetail: Partial<Record<ProblemCode, string>> = {
  StoreUnavailable: 'The event store could not be read or written. Sending the same command again, with the same command id, is safe: it is never applied twice.',
  KeyEncryptionKeyMismatch: "The service cannot open the stored data keys with its key-encryption key: its operators must give it the right one. Nothing was written.",
};

/** The problem a caller receives for an engine error; a 5xx keeps the engine's message out of the body. */
export function problemOfEngineError(error: EngineError): Problem {
  const code = error.code;
  const { status } = problemTypes[code];
  if (status >= 500) return problem(code, serverSideDetail[code] ?? 'The service failed; its log says why, under this request id.');
  return problem(code, error.message, error.code === 'InvalidCommand' ? error.errors : undefined);
}
