import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An Ed25519 key pair written as PEM files, as an auditor keeps them. */
export interface KeyFiles {
  readonly privateKey: string;
  readonly publicKey: string;
  /** The private key's PEM text, to prove it never appears in an output. */
  readonly privatePem: string;
}

/** Writes a fresh Ed25519 key pair to `<dir>/<name>.pem` and `<dir>/<name>.pub.pem`. */
export function ed25519KeyFiles(dir: string, name: string): KeyFiles {
  const pair = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const privateKey = join(dir, `${name}.pem`);
  const publicKey = join(dir, `${name}.pub.pem`);
  writeFileSync(privateKey, pair.privateKey, { mode: 0o600 });
  writeFileSync(publicKey, pair.publicKey);
  return { privateKey, publicKey, privatePem: pair.privateKey };
}
