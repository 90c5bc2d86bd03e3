import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { decodeHeadsDigest, type HeadsDigest } from '@csp-onprem/engine';
import { badInput, reasonOf, type CliFailure } from '../cli-failure.js';

/** Reads and decodes a kept digest; a missing, unreadable or malformed file is bad input, in one line. */
export function readDigestFile(file: string): E.Either<CliFailure, HeadsDigest> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    return E.left(badInput(`cannot read the digest file ${file}: ${reasonOf(cause)}`));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return E.left(badInput(`the digest file ${file} is not JSON: ${reasonOf(cause)}`));
  }
  const digest = decodeHeadsDigest(json);
  return E.isLeft(digest) ? E.left(badInput(`the digest file ${file} is malformed: ${digest.left}`)) : digest;
}
