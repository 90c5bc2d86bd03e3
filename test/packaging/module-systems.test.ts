import { execFile } from 'node:child_process';
import { expect } from 'chai';
import { SUPPORTED_NODE_VERSIONS } from '@csp-onprem/engine';
import { publicPackages, REPOSITORY } from '../../scripts/packages/public-packages.js';

const packages = publicPackages();
const names = packages.map(({ manifest }) => manifest.name);

/** Runs a program given on node's command line, from the repository root; answers stdout and stderr, failing on a non-zero exit. */
function runNode(args: readonly string[]): Promise<{ readonly stdout: string; readonly stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: REPOSITORY, timeout: 60_000 }, (error, stdout, stderr) => (error === null ? resolve({ stdout, stderr }) : reject(new Error(`${error.message}\n${stderr}`))));
  });
}

describe('loading the public packages from either module system', () => {
  it('require() from CommonJS gives the same exports as import from ESM, for every package, without a warning', async () => {
    const list = JSON.stringify(names);
    const required = await runNode(['--input-type=commonjs', '-e', `console.log(JSON.stringify(${list}.map((name) => Object.keys(require(name)).sort())))`]);
    const imported = await runNode(['--input-type=module', '-e', `console.log(JSON.stringify(await Promise.all(${list}.map(async (name) => Object.keys(await import(name)).sort()))))`]);
    expect(JSON.parse(required.stdout)).to.deep.equal(JSON.parse(imported.stdout));
    expect(JSON.parse(required.stdout).every((keys: readonly string[]) => keys.length > 0)).to.equal(true);
    expect(required.stderr).to.equal('');
  });

  for (const { manifest } of packages) {
    it(`${manifest.name} exports each entry as types then a default condition, and its package.json, and runs on ${SUPPORTED_NODE_VERSIONS}`, () => {
      const { './package.json': packageJson, ...entries } = manifest.exports as Readonly<Record<string, unknown>>;
      expect(packageJson).to.equal('./package.json');
      expect(entries['.']).to.deep.equal({ types: './dist/index.d.ts', default: './dist/index.js' });
      for (const [entry, conditions] of Object.entries(entries)) {
        const file = entry === '.' ? 'index' : entry.slice(2);
        expect(conditions, entry).to.deep.equal({ types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` });
        expect(Object.keys(conditions as object), entry).to.deep.equal(['types', 'default']);
      }
      expect(manifest.engines).to.deep.equal({ node: SUPPORTED_NODE_VERSIONS });
    });
  }
});
