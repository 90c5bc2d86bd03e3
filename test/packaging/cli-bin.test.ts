import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { childNpmEnvironment } from '../../scripts/packages/npm-environment.js';
import { readManifest, REPOSITORY } from '../../scripts/packages/public-packages.js';
import { fileTree, type FileTree } from './package-fixture.js';

const CLI = join(REPOSITORY, 'packages', 'cli');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 120_000, env: childNpmEnvironment() }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }));
  });
}

describe('the csp-onprem command in the repository', () => {
  let tree: FileTree;
  before(() => {
    tree = fileTree();
  });
  after(() => tree.remove());

  it('is linked by npm in a fresh clone, before dist/ is built, and then says in one line to build it', async () => {
    // A workspace holding the CLI's committed files only, as a clone has them before npm run build.
    const { name, version, type, bin } = readManifest(CLI);
    tree.write({ 'package.json': { name: 'fresh-clone', private: true, workspaces: ['packages/cli'] }, 'packages/cli/package.json': { name, version, type, bin } });
    mkdirSync(join(tree.root, 'packages/cli/bin'));
    copyFileSync(join(CLI, 'bin/csp-onprem.js'), join(tree.root, 'packages/cli/bin/csp-onprem.js'));
    expect(existsSync(join(tree.root, 'packages/cli/dist'))).to.equal(false);

    const installed = await run('npm', ['install', '--offline', '--no-audit', '--no-fund'], tree.root);
    expect(installed.code, installed.stderr).to.equal(0);
    expect(lstatSync(join(tree.root, 'node_modules/.bin/csp-onprem')).isSymbolicLink()).to.equal(true);

    const unbuilt = await run('npx', ['--no-install', 'csp-onprem', '--help'], tree.root);
    expect(unbuilt.code).to.equal(1);
    expect(unbuilt.stderr.trimEnd().split('\n')).to.deep.equal([
      `csp-onprem: ${join(tree.root, 'packages/cli/dist/bin.js')} does not exist: build the CLI first (npm run build at the repository's root)`,
    ]);
  });

  it('runs the built CLI through npx once it is built', async () => {
    const help = await run('npx', ['--no-install', 'csp-onprem', '--help'], REPOSITORY);
    expect(help.code, help.stderr).to.equal(0);
    expect(help.stdout).to.match(/^Usage: csp-onprem <command> \[options\]/);
  });
});
