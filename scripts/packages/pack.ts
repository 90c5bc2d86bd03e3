import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { childNpmEnvironment } from './npm-environment.js';

/** A package packed by `npm pack`: its name and tarball. */
export interface PackedPackage {
  readonly name: string;
  readonly tarball: string;
}

interface PackOutput {
  readonly name: string;
  readonly filename: string;
}

/**
 * Packs each package directory with `npm pack` (the files a publish would upload, no more)
 * into `destination`; answers the tarballs in the order given.
 */
export function packPackages(dirs: readonly string[], destination: string): PackedPackage[] {
  return dirs.map((dir) => {
    const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: childNpmEnvironment() });
    const [packed] = JSON.parse(output) as PackOutput[];
    if (packed === undefined) throw new Error(`npm pack in ${dir} answered nothing`);
    return { name: packed.name, tarball: join(destination, packed.filename) };
  });
}
