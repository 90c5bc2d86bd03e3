import * as E from 'fp-ts/lib/Either.js';
import type { CliFailure } from '../cli-failure.js';
import { readInputText } from '../files/read-input-file.js';
import type { TrustAnchors } from '../verified/digest-trust.js';

/** The files naming what the auditor trusts: the head-signing public key and the TSA certificate (PEM). */
export interface TrustAnchorFiles {
  readonly publicKey?: string;
  readonly tsaCert?: string;
}

/** Reads the public key and TSA certificate files when named; a Left names the file that cannot be read, never its content. */
export function readTrustAnchors(files: TrustAnchorFiles): E.Either<CliFailure, TrustAnchors> {
  const publicKey = files.publicKey === undefined ? undefined : readInputText(files.publicKey, 'the --public-key file');
  if (publicKey !== undefined && E.isLeft(publicKey)) return publicKey;
  const tsaCert = files.tsaCert === undefined ? undefined : readInputText(files.tsaCert, 'the --tsa-cert file');
  if (tsaCert !== undefined && E.isLeft(tsaCert)) return tsaCert;
  return E.right({
    ...(publicKey === undefined ? {} : { publicKeyPem: publicKey.right }),
    ...(tsaCert === undefined ? {} : { tsaCertificatePem: tsaCert.right }),
  });
}
