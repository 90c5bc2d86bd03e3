import * as E from 'fp-ts/lib/Either.js';
import { isSignedTreeHead, verifySignedTreeHead, type SignedTreeHead, type TreeHead } from '@csp-onprem/audit';
import { badInput, type CliFailure } from '../cli-failure.js';
import type { TrustCheck } from './digest-trust.js';
import { headName } from './head-verdict.js';

/**
 * Checks the signature of every head a proof rests on against the public key the auditor
 * trusts: all must be signed with it. Without a key nothing is checked, and the answer says so.
 * A key that cannot be used is bad input (a Left).
 */
export function checkHeadSignatures(heads: readonly (TreeHead | SignedTreeHead)[], publicKeyPem: string | undefined): E.Either<CliFailure, TrustCheck> {
  if (publicKeyPem === undefined) {
    const signed = heads.filter(isSignedTreeHead).length;
    return E.right({ status: 'not-checked', message: `${signed} of ${heads.length} heads signed, not checked: give --public-key to know they are the auditor's` });
  }
  for (const head of heads) {
    if (!isSignedTreeHead(head)) return E.right({ status: 'failed', message: `${headName(head)} is not signed: anyone could have written it` });
    const verdict = verifySignedTreeHead(head, publicKeyPem);
    if (E.isLeft(verdict)) {
      if (verdict.left.code === 'UnusableKey') return E.left(badInput(`--public-key: ${verdict.left.message}`));
      return E.right({ status: 'failed', message: `${headName(head)}: ${verdict.left.message}` });
    }
  }
  const keyIds = [...new Set(heads.filter(isSignedTreeHead).map((head) => `${head.keyId.slice(0, 16)}...`))];
  return E.right({ status: 'ok', message: `${heads.length === 1 ? 'the head is' : `all ${heads.length} heads are`} signed with the --public-key given (key id ${keyIds.join(', ')})` });
}
