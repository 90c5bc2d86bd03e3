import { linkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { StoreAddress } from '../address/store-address.js';
import { badInput, cannotProceed, reasonOf, type CliFailure } from '../cli-failure.js';

/** Where a command may write its output file, and what it must never overwrite. */
export interface OutputTarget {
  readonly file: string;
  /** Replace an existing file (never the store, nor a file the command reads). */
  readonly force: boolean;
  /** The store the command reads: its file (and SQLite's -wal, -shm and -journal beside it) is never written. */
  readonly store?: StoreAddress;
  /** Files the command reads (digests, proofs, keys): never written either. */
  readonly inputs?: readonly string[];
}

/** The identity of an existing file (device and inode), or undefined when there is none. */
function identity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

function storeFiles(store: StoreAddress | undefined): string[] {
  if (store?.kind !== 'sqlite') return [];
  return ['', '-wal', '-shm', '-journal'].map((suffix) => `${store.path}${suffix}`);
}

/**
 * Checks, before any work, that the output may be written: never over the store being read
 * (even with --force: an audit must not destroy what it audits), never over an input of the
 * command, and over another existing file only with --force. A Left says which, in one line.
 */
export function checkOutputTarget(target: OutputTarget): E.Either<CliFailure, void> {
  const existing = identity(target.file);
  if (existing === undefined) return E.right(undefined);
  if (storeFiles(target.store).some((file) => identity(file) === existing)) {
    return E.left(badInput(`refusing to write ${target.file}: it is the store being audited (or one of its files); nothing was written`));
  }
  if ((target.inputs ?? []).some((file) => identity(file) === existing)) {
    return E.left(badInput(`refusing to write ${target.file}: the command reads it; nothing was written`));
  }
  if (!target.force) return E.left(badInput(`${target.file} already exists: give --force to replace it (nothing was written)`));
  return E.right(undefined);
}

const codeOf = (cause: unknown): unknown => (cause as { code?: unknown }).code;

/** Moves the finished temporary file into place: replacing the target with --force, else only where none exists. */
function moveIntoPlace(temporary: string, target: OutputTarget, content: string): void {
  if (target.force) return renameSync(temporary, target.file);
  try {
    linkSync(temporary, target.file);
  } catch (cause) {
    // A file system without hard links: create the file exclusively instead.
    if (codeOf(cause) !== 'EPERM' && codeOf(cause) !== 'ENOTSUP' && codeOf(cause) !== 'ENOSYS') throw cause;
    writeFileSync(target.file, content, { encoding: 'utf8', flag: 'wx' });
  }
}

/**
 * Writes the output whole or not at all: to a temporary file beside it, then moved into place.
 * Without --force the move refuses an existing file (a link cannot replace one), so a file
 * made meanwhile by someone else is not overwritten either. Checks the target again first.
 */
export function writeOutputFile(target: OutputTarget, content: string): E.Either<CliFailure, void> {
  const allowed = checkOutputTarget(target);
  if (E.isLeft(allowed)) return allowed;
  const temporary = join(dirname(target.file), `.${basename(target.file)}.${process.pid}.${Date.now()}.tmp`);
  let created = false;
  try {
    writeFileSync(temporary, content, { encoding: 'utf8', flag: 'wx' });
    created = true;
    moveIntoPlace(temporary, target, content);
    return E.right(undefined);
  } catch (cause) {
    if (created && codeOf(cause) === 'EEXIST') return E.left(badInput(`${target.file} already exists: give --force to replace it (nothing was written)`));
    return E.left(cannotProceed(`cannot write ${target.file}: ${reasonOf(cause)}`));
  } finally {
    if (created) rmSync(temporary, { force: true });
  }
}
