import { execFile } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { childNpmEnvironment } from '../../scripts/packages/npm-environment.js';
import { packPackages, type PackedPackage } from '../../scripts/packages/pack.js';
import { publicPackages, readManifest, REPOSITORY } from '../../scripts/packages/public-packages.js';

/** How a process run in the project ended. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh application project outside the repository, with every public package installed from its packed tarball. */
export interface ConsumerProject {
  readonly root: string;
  readonly packages: readonly PackedPackage[];
  /** Runs a command in the project's directory, with a child npm's environment. */
  run(command: string, args: readonly string[]): Promise<Run>;
  remove(): void;
}

/** The application's own files: its programs, TypeScript sources and tsconfigs. */
const APP = join(REPOSITORY, 'test', 'consumer', 'app');

function runIn(cwd: string, command: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childNpmEnvironment(), timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

/**
 * Packs every public package with `npm pack`, writes an application project in a new
 * directory under the OS temp dir (never inside the repository) whose package.json depends on
 * the tarballs, fp-ts, and the newest typescript and @types/node, and installs it with
 * `npm install`: the tarballs are extracted, not linked, and every third-party package comes
 * from the registry, as for a platform installing the published packages.
 */
export async function installConsumerProject(): Promise<ConsumerProject> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'csp-onprem-consumer-')));
  if (!relative(REPOSITORY, root).startsWith('..')) throw new Error(`the consumer project must be outside the repository, not in ${root}`);
  const tarballs = join(root, 'tarballs');
  mkdirSync(tarballs);
  const packages = packPackages(publicPackages().map(({ dir }) => dir), tarballs);
  cpSync(APP, root, { recursive: true });
  const engine = readManifest(join(REPOSITORY, 'packages', 'engine'));
  const manifest = {
    name: 'csp-onprem-consumer',
    version: '1.0.0',
    private: true,
    description: 'A platform that installed csp-onprem from the registry (here, from packed tarballs).',
    dependencies: {
      ...Object.fromEntries(packages.map(({ name, tarball }) => [name, `file:./tarballs/${basename(tarball)}`])),
      'fp-ts': engine.dependencies?.['fp-ts'] ?? 'latest',
    },
    devDependencies: { typescript: 'latest', '@types/node': 'latest' },
    // npm 11.16+ asks which dependencies may run install scripts (npm 12 refuses the others):
    // better-sqlite3 builds its native module, protobufjs (under the KurrentDB client) checks its version.
    allowScripts: { 'better-sqlite3': true, protobufjs: true },
  };
  writeFileSync(join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const installed = await runIn(root, 'npm', ['install', '--no-audit', '--no-fund']);
  if (installed.code !== 0) throw new Error(`npm install in ${root} failed (${installed.code}):\n${installed.stderr}`);
  for (const { name } of packages) {
    if (lstatSync(join(root, 'node_modules', name)).isSymbolicLink()) throw new Error(`${name} was linked, not installed from its tarball`);
  }
  return {
    root,
    packages,
    run: (command, args) => runIn(root, command, args),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
