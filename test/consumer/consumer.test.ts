// The packages as a platform gets them: packed, installed from the tarballs into a fresh
// project outside the repository, used from an ES module, a CommonJS program and TypeScript.
// Run by `npm run test:consumer` and CI, after a build; it needs the npm registry for the
// third-party packages.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { dependencyProblems } from '../../scripts/packages/dependency-problems.js';
import { readManifest, REPOSITORY } from '../../scripts/packages/public-packages.js';
import { installConsumerProject, type ConsumerProject, type Run } from './consumer-project.js';

/** What each runtime program prints: the events its commands wrote and the customer's software list. */
interface ProgramOutput {
  readonly events: readonly string[];
  readonly productKey: boolean;
  readonly list: readonly { readonly subscriptionId: string; readonly status: string; readonly keys: number }[];
}

function succeeded(run: Run, what: string): string {
  expect(run.code, `${what} exited ${run.code}:\n${run.stderr}`).to.equal(0);
  return run.stdout;
}

function eventsIn(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the packages installed from their tarballs into a fresh project', function () {
  this.timeout(20 * 60_000);
  let project: ConsumerProject;
  const started = Date.now();

  before(async () => {
    project = await installConsumerProject();
    console.log(`      packed and installed in ${project.root} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
  after(() => {
    if (process.env['CSP_CONSUMER_KEEP'] === undefined) project?.remove();
    console.log(`      the consumer test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });

  for (const [kind, program, subscriptionId] of [
    ['An ES module program', 'esm-program.mjs', 'ESM-1001-1'],
    ['A CommonJS program', 'cjs-program.cjs', 'CJS-1001-1'],
  ] as const) {
    it(`${kind} buys software, gets its key and lists it on a new SQLite file`, async () => {
      const db = join(project.root, `${program}.db`);
      const output = JSON.parse(succeeded(await project.run('node', [program, db]), program)) as ProgramOutput;
      expect(output).to.deep.equal({ events: ['Purchased', 'KeyIssued'], productKey: true, list: [{ subscriptionId, status: 'active', keys: 1 }] });
      expect(eventsIn(db)).to.equal(2);
    });
  }

  it('require() loads every public package from CommonJS, whole module graphs included', async () => {
    const names = project.packages.map(({ name }) => name);
    const counts = JSON.parse(succeeded(await project.run('node', ['every-package.cjs', JSON.stringify(names)]), 'every-package.cjs')) as Record<string, number>;
    expect(Object.keys(counts)).to.deep.equal(names);
    for (const name of names) expect(counts[name], name).to.be.greaterThan(0);
  });

  for (const [resolution, config] of [
    ['module: nodenext (an ES module and a CommonJS module)', 'tsconfig.nodenext.json'],
    ['moduleResolution: bundler', 'tsconfig.bundler.json'],
  ] as const) {
    it(`TypeScript programs type-check with ${resolution}, skipLibCheck false and the newest @types/node, under the newest TypeScript`, async () => {
      succeeded(await project.run('npx', ['--no-install', 'tsc', '-p', config]), `tsc -p ${config}`);
    });

    it(`TypeScript programs type-check with ${resolution} under the repository's TypeScript, the oldest one documented (5.8+ for require of ES modules)`, async () => {
      succeeded(await project.run('node', [join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config]), `tsc -p ${config}`);
    });
  }

  it('npx csp-onprem --help runs the installed CLI', async () => {
    const help = succeeded(await project.run('npx', ['--no-install', 'csp-onprem', '--help']), 'npx csp-onprem --help');
    expect(help).to.match(/^Usage: csp-onprem <command> \[options\]/);
  });

  it('every installed package declares exactly the packages its files import', () => {
    for (const { name } of project.packages) {
      const dir = join(project.root, 'node_modules', name);
      expect(dependencyProblems(dir, readManifest(dir), { resolveFrom: dir }), name).to.deep.equal([]);
    }
  });

  it('without pg installed, building a PostgreSQL store throws one error naming npm install pg', async () => {
    const pg = join(project.root, 'node_modules', 'pg');
    const hidden = `${pg}.hidden`;
    expect(existsSync(pg)).to.equal(true);
    renameSync(pg, hidden);
    try {
      const output = JSON.parse(succeeded(await project.run('node', ['without-pg.mjs']), 'without-pg.mjs')) as Record<string, string>;
      expect(output).to.deep.equal({
        name: 'MissingPeerDependencyError',
        code: 'MissingPeerDependency',
        message: '@csp-onprem/store-postgres needs the pg package, which is not installed (a peer dependency, so that your application and the store share one copy): npm install pg',
      });
    } finally {
      renameSync(hidden, pg);
    }
  });
});
