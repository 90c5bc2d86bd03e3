import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import type { Manifest } from './public-packages.js';

/** The packages a package's files name, by what needs them. */
export interface ImportedPackages {
  /** Packages its JavaScript imports or requires (any shipped file may be loaded). */
  readonly runtime: ReadonlySet<string>;
  /** Packages its public declarations import: those its `types` entries reach. */
  readonly types: ReadonlySet<string>;
  /** Packages named by `/// <reference types="..." />` in those declarations. */
  readonly typeReferences: ReadonlySet<string>;
}

/** The package a bare specifier names (`@scope/name` or `name`), or undefined for a relative path or a Node.js builtin. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The specifiers a file imports, exports from, requires or imports dynamically, and the type references it makes. */
function specifiersOf(path: string): { readonly imported: string[]; readonly typeReferences: string[] } {
  const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
  return { imported: info.importedFiles.map((file) => file.fileName), typeReferences: info.typeReferenceDirectives.map((directive) => directive.fileName) };
}

/** Every file under `dir` but node_modules, as paths relative to it. */
export function filesUnder(dir: string, at = ''): string[] {
  return readdirSync(join(dir, at), { withFileTypes: true }).flatMap((entry) => {
    const path = at === '' ? entry.name : `${at}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(dir, path);
    return [path];
  });
}

/**
 * The files a package lists in its manifest's `files` (plain paths of files and directories,
 * as this repository writes them; no globs), relative to its directory: what `npm pack`
 * publishes, but for the manifest and README npm adds itself.
 */
export function listedFiles(dir: string, manifest: Manifest): string[] {
  return (manifest.files ?? []).flatMap((entry) => {
    const path = entry.replace(/^\.\//, '').replace(/\/$/, '');
    if (!existsSync(join(dir, path))) return [];
    return statSync(join(dir, path)).isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/** The `types` entries of a manifest: its `types`/`typings` field and every `types` condition of its exports. */
function typeEntries(manifest: Manifest): string[] {
  const entries: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'types') entries.push(value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [inner, target] of Object.entries(value)) walk(target, inner);
    }
  };
  walk(manifest.exports, '');
  for (const field of [manifest.types, manifest.typings]) if (field !== undefined) entries.push(field);
  return [...new Set(entries)];
}

/** The declaration file a relative specifier in a declaration file points at, if it exists. */
function declarationAt(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  const candidates = [target.replace(/\.(m|c)?js$/, '.d.$1ts'), `${target}.d.ts`, join(target, 'index.d.ts'), target];
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

/**
 * What a package directory imports: bare specifiers of every JavaScript file it ships (`files`,
 * by default every file under it, as in an unpacked or installed package), and of the
 * declaration files its `types` entries reach through relative imports (a declaration file no
 * entry reaches is never read by a consumer's compiler).
 */
export function importedPackages(dir: string, manifest: Manifest, files: readonly string[] = filesUnder(dir)): ImportedPackages {
  const runtime = new Set<string>();
  for (const file of files.filter((path) => /\.(c|m)?js$/.test(path))) {
    for (const specifier of specifiersOf(join(dir, file)).imported) {
      const name = packageOf(specifier);
      if (name !== undefined) runtime.add(name);
    }
  }
  const types = new Set<string>();
  const typeReferences = new Set<string>();
  const pending = typeEntries(manifest).map((entry) => join(dir, entry)).filter((path) => existsSync(path));
  const seen = new Set<string>();
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const { imported, typeReferences: references } = specifiersOf(path);
    for (const reference of references) typeReferences.add(reference);
    for (const specifier of imported) {
      const name = packageOf(specifier);
      if (name !== undefined) types.add(name);
      else if (specifier.startsWith('.')) {
        const next = declarationAt(path, specifier);
        if (next !== undefined && !relative(dir, next).startsWith('..')) pending.push(next);
      }
    }
  }
  return { runtime, types, typeReferences };
}
