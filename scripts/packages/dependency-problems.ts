import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { importedPackages } from './imported-packages.js';
import type { Manifest } from './public-packages.js';

/**
 * Peer dependencies a package uses through globals rather than imports: @csp-onprem/testing
 * registers its suites with mocha's `describe` and `it`, which mocha defines for the files it runs.
 */
export const USED_AS_GLOBALS: Readonly<Record<string, readonly string[]>> = { '@csp-onprem/testing': ['mocha'] };

/** The DefinitelyTyped package of a package: `@types/pg`, `@types/scope__name`. */
export function typesPackageOf(name: string): string {
  return `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
}

function hasTypesCondition(exports: unknown): boolean {
  if (typeof exports !== 'object' || exports === null) return false;
  return Object.entries(exports).some(([key, value]) => key === 'types' || hasTypesCondition(value));
}

/** Whether an installed package ships its own declarations; undefined when it cannot be found from `from`. */
function shipsTypes(name: string, from: string): boolean | undefined {
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(from, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return manifest.types !== undefined || manifest.typings !== undefined || hasTypesCondition(manifest.exports) || existsSync(join(dirname(manifestPath), 'index.d.ts'));
}

/** Where the check looks up the packages a package's declarations import, to learn whether they ship types. */
export interface DependencyCheckOptions {
  /** A directory from which those packages resolve (the package itself when installed, the repository for a packed copy). */
  readonly resolveFrom: string;
  /** The files the package ships, relative to its directory; by default every file under it. */
  readonly files?: readonly string[];
}

/**
 * What is wrong with a package's declared dependencies, as sentences (empty when nothing):
 * a package its JavaScript or public declarations import without declaring it (a fresh
 * install may not have it: hoisting hides this inside a monorepo), a declared one nothing
 * imports, and a package its public declarations import that ships no types and whose
 * `@types` package is not a dependency (a consumer's compiler would fail with TS7016).
 */
export function dependencyProblems(dir: string, manifest: Manifest, options: DependencyCheckOptions): string[] {
  const imported = importedPackages(dir, manifest, options.files);
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const problems: string[] = [];
  const used = new Set<string>([...imported.runtime, ...imported.types, ...(USED_AS_GLOBALS[manifest.name] ?? [])]);
  for (const name of [...imported.runtime].sort()) {
    if (!declared.has(name) && name !== manifest.name) problems.push(`its JavaScript imports ${name}, which it does not declare as a dependency`);
  }
  for (const name of [...imported.types].sort()) {
    if (name === manifest.name) continue;
    if (!declared.has(name)) problems.push(`its public types import ${name}, which it does not declare as a dependency`);
    const typesPackage = typesPackageOf(name);
    if (declared.has(typesPackage)) used.add(typesPackage);
    else if (shipsTypes(name, options.resolveFrom) === false) problems.push(`its public types import ${name}, which ships no types, and ${typesPackage} is not a dependency`);
  }
  for (const reference of [...imported.typeReferences].sort()) {
    // Every program on Node.js has @types/node; any other referenced types must come with the package.
    if (reference === 'node') continue;
    const typesPackage = typesPackageOf(reference);
    if (declared.has(typesPackage)) used.add(typesPackage);
    else problems.push(`its public types reference the types of ${reference}, and ${typesPackage} is not a dependency`);
  }
  for (const name of [...declared].sort()) {
    if (!used.has(name)) problems.push(`it declares ${name} as a dependency but never imports it`);
  }
  return problems;
}
