import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a package.json the package checks read. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly type?: string;
  readonly types?: string;
  readonly typings?: string;
  readonly exports?: unknown;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly files?: readonly string[];
  readonly engines?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** A workspace package that is published: its directory and manifest. */
export interface PublicPackage {
  readonly dir: string;
  readonly manifest: Manifest;
}

/** Reads the package.json in `dir`. */
export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The repository's root: where the workspaces' package.json is. */
export const REPOSITORY = join(import.meta.dirname, '..', '..');

/** Every workspace of the repository that is not private, in the order the root lists them (dependencies first). */
export function publicPackages(root: string = REPOSITORY): PublicPackage[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { readonly workspaces?: readonly string[] };
  return workspaces.map((workspace) => join(root, workspace)).map((dir) => ({ dir, manifest: readManifest(dir) })).filter(({ manifest }) => manifest.private !== true);
}
