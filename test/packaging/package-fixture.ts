import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A scratch directory of real files for the package checks, removed by `remove`. */
export interface FileTree {
  readonly root: string;
  /** Writes `files` (path relative to the root, contents) under the root; JSON for objects. */
  write(files: Readonly<Record<string, string | object>>): void;
  remove(): void;
}

/** A fresh scratch directory under the OS temp dir. */
export function fileTree(): FileTree {
  const root = mkdtempSync(join(tmpdir(), 'csp-onprem-packaging-'));
  return {
    root,
    write(files) {
      for (const [path, contents] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2));
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
