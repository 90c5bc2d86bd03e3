import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This repository's root: three folders above this file (packages/audit/test). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Where `<repo>/../shared/vectors` is. The repository root is this checkout, or, when this
 * checkout is a linked git worktree (its `.git` is a file naming the main repository's git
 * directory), the main working tree, whose sibling `shared` folder the worktree shares.
 */
export function sharedVectorsCandidates(): string[] {
  const candidates = [join(repoRoot, '..', 'shared', 'vectors')];
  const dotGit = join(repoRoot, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (gitdir !== undefined) {
      const worktreeGitDir = isAbsolute(gitdir) ? gitdir : resolve(repoRoot, gitdir);
      const commondirFile = join(worktreeGitDir, 'commondir');
      const commonDir = existsSync(commondirFile) ? resolve(worktreeGitDir, readFileSync(commondirFile, 'utf8').trim()) : undefined;
      if (commonDir !== undefined) candidates.push(join(dirname(commonDir), '..', 'shared', 'vectors'));
    }
  }
  return candidates;
}

/** The folder of one set of shared vectors; throws (failing the test, never skipping it) when it is missing. */
export function sharedVectors(name: string): string {
  const candidates = sharedVectorsCandidates().map((c) => join(c, name));
  const found = candidates.find((c) => existsSync(c) && statSync(c).isDirectory());
  if (found === undefined) throw new Error(`the shared test vectors are missing: looked for ${candidates.join(' and ')}`);
  return found;
}

/** Every `*.json` file under a folder, as [path relative to it, parsed content], sorted by path. */
export function jsonFilesUnder(folder: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else if (name.endsWith('.json')) out.push([`${prefix}${name}`, JSON.parse(readFileSync(path, 'utf8')) as unknown]);
    }
  };
  walk(folder, '');
  return out;
}
