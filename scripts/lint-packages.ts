// Checks every public package as it would be published: npm packs it, then publint and
// @arethetypeswrong/cli read the tarball, and the unpacked files are checked for undeclared or
// unused dependencies and for top-level await. Run by `npm run lint:packages` and CI, after a build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dependencyProblems } from './packages/dependency-problems.js';
import { packPackages } from './packages/pack.js';
import { publicPackages, readManifest, REPOSITORY } from './packages/public-packages.js';
import { topLevelAwaits } from './packages/top-level-await.js';

// attw predates require(esm): it reports every ES-module-only package as "CJSResolvesToESM"
// for CommonJS callers, although Node.js 20.19+ and 22.12+ load it with require() and
// TypeScript 5.8+ types it so under `module: nodenext`
// (https://github.com/arethetypeswrong/arethetypeswrong.github.io/issues/252). Only that rule is
// ignored; the consumer test proves the real behaviour with node and tsc.
const ATTW_IGNORED_RULES = ['cjs-resolves-to-esm'];

const bin = (name: string): string => join(REPOSITORY, 'node_modules', '.bin', name);

// Plain text: picocolors (publint) colours whenever FORCE_COLOR is set, even to 0.
const plainEnvironment = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1' }).filter(([name]) => name !== 'FORCE_COLOR'));

/** Runs a tool; answers its output when it fails, undefined when it passes. */
function failureOf(command: string, args: readonly string[]): string | undefined {
  try {
    execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: plainEnvironment });
    return undefined;
  } catch (cause) {
    const { stdout = '', stderr = '' } = cause as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}`.trim();
  }
}

const work = mkdtempSync(join(tmpdir(), 'csp-onprem-lint-'));
let failed = false;
try {
  const packages = publicPackages();
  const packed = packPackages(packages.map(({ dir }) => dir), work);
  for (const { name, tarball } of packed) {
    const unpacked = join(work, name.replace('/', '+'));
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
    const problems = [
      ...[failureOf(bin('publint'), ['run', tarball, '--strict'])].filter((text) => text !== undefined).map((text) => `publint:\n${text}`),
      ...[failureOf(bin('attw'), [tarball, '--ignore-rules', ...ATTW_IGNORED_RULES, '--format', 'ascii'])].filter((text) => text !== undefined).map((text) => `attw:\n${text}`),
      ...dependencyProblems(unpacked, readManifest(unpacked), { resolveFrom: REPOSITORY }).map((problem) => `dependencies: ${problem}`),
      ...topLevelAwaits(unpacked).map((at) => `top-level await at ${at}: require() of this package would fail`),
    ];
    if (problems.length === 0) {
      console.log(`ok ${name}: publint, attw, dependencies, no top-level await`);
    } else {
      failed = true;
      console.log(`FAIL ${name}\n${problems.map((problem) => `  ${problem.replaceAll('\n', '\n    ')}`).join('\n')}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
