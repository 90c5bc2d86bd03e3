import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { KeyVault } from '@csp-onprem/engine';

/** The `format` a vault file declares. */
export const VAULT_FILE_FORMAT = 'csp-onprem-dev-vault/1';

const WARNING = 'Development vault: data keys in plain base64 in this file. Not a KMS: do not use it for real customers.';
const KEY_BYTES = 32;

/** A data key as the vault file keeps it. */
export interface StoredDataKey {
  readonly tenantId: string;
  /** The 256-bit key, base64. */
  readonly key: string;
}

/** What a vault file holds: each tenant's current key id, every live key, and the ids of destroyed keys. */
export interface VaultFileContents {
  readonly format: typeof VAULT_FILE_FORMAT;
  readonly warning: string;
  readonly current: Readonly<Record<string, string>>;
  readonly keys: Readonly<Record<string, StoredDataKey>>;
  readonly destroyed: readonly string[];
}

/** Where a file vault keeps its keys. */
export interface FileKeyVaultOptions {
  readonly path: string;
}

const empty: VaultFileContents = { format: VAULT_FILE_FORMAT, warning: WARNING, current: {}, keys: {}, destroyed: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(path: string, why: string): Error {
  return new Error(`the vault file ${path} is malformed: ${why}`);
}

function decodeKey(path: string, keyId: string, value: unknown): StoredDataKey {
  if (!isRecord(value) || typeof value['tenantId'] !== 'string' || typeof value['key'] !== 'string') {
    throw malformed(path, `keys.${keyId} is not { tenantId, key }`);
  }
  const key = value['key'];
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || Buffer.from(key, 'base64').length !== KEY_BYTES) {
    throw malformed(path, `keys.${keyId}.key is not ${KEY_BYTES} bytes of base64`);
  }
  return { tenantId: value['tenantId'], key };
}

/** Checks the parsed JSON of a vault file, throwing one clear line naming the file and what is wrong. */
export function decodeVaultFile(path: string, json: unknown): VaultFileContents {
  if (!isRecord(json)) throw malformed(path, 'not a JSON object');
  if (json['format'] !== VAULT_FILE_FORMAT) throw malformed(path, `format is not ${VAULT_FILE_FORMAT}`);
  const { current, keys, destroyed } = json;
  if (!isRecord(current) || !Object.values(current).every((id) => typeof id === 'string')) throw malformed(path, 'current is not an object of key ids');
  if (!isRecord(keys)) throw malformed(path, 'keys is not an object');
  if (!Array.isArray(destroyed) || !destroyed.every((id) => typeof id === 'string')) throw malformed(path, 'destroyed is not a list of key ids');
  const decoded = Object.fromEntries(Object.entries(keys).map(([keyId, value]) => [keyId, decodeKey(path, keyId, value)]));
  for (const [tenantId, keyId] of Object.entries(current)) {
    if (decoded[keyId as string] === undefined) throw malformed(path, `the current key of ${tenantId} is not in keys`);
  }
  return { format: VAULT_FILE_FORMAT, warning: WARNING, current: current as Record<string, string>, keys: decoded, destroyed: destroyed as string[] };
}

/**
 * Reads a vault file: the empty vault when the file does not exist yet; throws one line when
 * the file cannot be read, is not JSON or is not a vault file.
 */
export function readVaultFile(path: string): VaultFileContents {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw new Error(`cannot read the vault file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    // Only where: V8's message quotes the text around the error, which may be a data key's bytes.
    const at = cause instanceof Error ? /position (\d+)/.exec(cause.message)?.[1] : undefined;
    throw malformed(path, `not JSON${at === undefined ? '' : ` (at character ${at})`}`);
  }
  return decodeVaultFile(path, json);
}

/**
 * Replaces the vault file in one step: writes a temporary file (mode 0600) in the same
 * directory, flushes it, then renames it over the file, so a reader sees the old or the new
 * contents and never half a file.
 */
function writeVaultFile(path: string, contents: VaultFileContents): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      writeSync(fd, `${JSON.stringify(contents, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (cause) {
    rmSync(temp, { force: true });
    throw cause;
  }
}

/**
 * A key vault in a JSON file, FOR DEVELOPMENT AND DEMOS ONLY: it is not a KMS. The data keys
 * sit in plain base64 in a file, usually beside the very data they protect, so anyone who can
 * copy the database can copy the keys; and destroying a key rewrites the file, which cannot
 * promise the old bytes are gone from the disk. Production platforms plug in their KMS.
 *
 * The file (created with mode 0600 on the first key, replaced atomically by a rename) holds
 * each tenant's current key id, each key with its tenant, and the ids of destroyed keys. It is
 * read on every call, so two processes see each other's changes; calls in one process do not
 * interleave, but two processes changing the file at the same instant can lose one change.
 * A file that is not a vault file makes every method reject with one line naming it.
 */
export function fileKeyVault(options: FileKeyVaultOptions): KeyVault {
  const { path } = options;
  return {
    async dataKeyFor(tenantInput) {
      const tenantId = tenantInput.toLowerCase();
      const vault = readVaultFile(path);
      const currentId = vault.current[tenantId];
      const held = currentId === undefined ? undefined : vault.keys[currentId];
      if (currentId !== undefined && held !== undefined) return { keyId: currentId, key: new Uint8Array(Buffer.from(held.key, 'base64')) };
      const keyId = `${tenantId}/${randomUUID()}`;
      const key = randomBytes(KEY_BYTES);
      writeVaultFile(path, {
        ...vault,
        current: { ...vault.current, [tenantId]: keyId },
        keys: { ...vault.keys, [keyId]: { tenantId, key: key.toString('base64') } },
      });
      return { keyId, key: new Uint8Array(key) };
    },
    async existingDataKey(keyId) {
      const held = readVaultFile(path).keys[keyId];
      return held === undefined ? undefined : new Uint8Array(Buffer.from(held.key, 'base64'));
    },
    async destroyDataKey(tenantInput) {
      const tenantId = tenantInput.toLowerCase();
      const vault = readVaultFile(path);
      const doomed = Object.keys(vault.keys).filter((keyId) => vault.keys[keyId]?.tenantId.toLowerCase() === tenantId);
      if (doomed.length === 0 && vault.current[tenantId] === undefined) return;
      const keys = Object.fromEntries(Object.entries(vault.keys).filter(([keyId]) => !doomed.includes(keyId)));
      const current = Object.fromEntries(Object.entries(vault.current).filter(([tenant]) => tenant !== tenantId));
      writeVaultFile(path, { ...vault, current, keys, destroyed: [...vault.destroyed, ...doomed.filter((id) => !vault.destroyed.includes(id))] });
    },
    async isDestroyed(keyId) {
      return readVaultFile(path).destroyed.includes(keyId);
    },
  };
}
