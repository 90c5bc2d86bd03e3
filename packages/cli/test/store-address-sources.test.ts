import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseArgs } from '@csp-onprem/cli';
import { writeAuditStoryFile } from './support/audit-story.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

type Sources = NonNullable<Parameters<typeof parseArgs>[1]>;

/** The environment given, and real files. */
function sources(environment: Readonly<Record<string, string>>, files: Readonly<Record<string, string>> = {}): Sources {
  return {
    environment,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
  };
}

function storeOf(args: readonly string[], from: Sources): unknown {
  const parsed = parseArgs(args, from);
  return parsed.kind === 'usage-error' ? parsed.message : (parsed as { readonly store?: unknown }).store;
}

/** A process environment without any variable that names a store. */
function cleanEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const { CSP_ONPREM_STORE: _store, DATABASE_URL: _url, PGHOST: _host, PGDATABASE: _database, PGSERVICE: _service, ...rest } = process.env;
  return { ...rest, ...extra };
}

describe('where a command finds its store address, so that no password need be on the command line', () => {
  it('reads the one line of --store-file, ignoring blank lines and surrounding space', () => {
    expect(storeOf(['verify', '--store-file', '/run/secrets/store'], sources({}, { '/run/secrets/store': '\n  postgres://app:s3cret@db/ledger?schema=books  \n' }))).to.deep.equal({
      kind: 'postgres',
      connectionString: 'postgres://app:s3cret@db/ledger',
      schema: 'books',
    });
  });

  it('refuses a --store-file it cannot read, one that is empty or one of several lines, and --store with --store-file', () => {
    const files = { '/empty': ' \n', '/two': 'a.db\nb.db\n' };
    expect(['/missing', '/empty', '/two'].map((path) => storeOf(['verify', '--store-file', path], sources({}, files)))).to.deep.equal([
      "cannot read --store-file /missing: ENOENT: no such file or directory, open '/missing'",
      '--store-file /empty is empty: it should hold the store address on one line',
      '--store-file /two holds 2 lines: it should hold only the store address, on one line',
    ]);
    expect(storeOf(['verify', '--store', 'a.db', '--store-file', '/two'], sources({}, files))).to.equal('give --store or --store-file, not both');
  });

  it('takes CSP_ONPREM_STORE, then a postgres:// DATABASE_URL, then the PG* variables, when no address is given', () => {
    const everything = { CSP_ONPREM_STORE: 'sqlite:/data/csp.db', DATABASE_URL: 'postgres://app:pw@db/ledger', PGHOST: 'db' };
    expect(storeOf(['verify'], sources(everything))).to.deep.equal({ kind: 'sqlite', path: '/data/csp.db' });
    expect(storeOf(['digest'], sources({ DATABASE_URL: 'postgres://app:pw@db/ledger?schema=books', PGHOST: 'db' }))).to.deep.equal({
      kind: 'postgres',
      connectionString: 'postgres://app:pw@db/ledger',
      schema: 'books',
    });
    for (const variable of ['PGHOST', 'PGDATABASE', 'PGSERVICE']) {
      expect(storeOf(['replay', '--as-of', '3'], sources({ [variable]: 'x' })), variable).to.deep.equal({ kind: 'postgres', connectionString: 'postgres://' });
    }
  });

  it('prefers the command line to the environment', () => {
    expect(storeOf(['verify', '--store', 'memory:'], sources({ CSP_ONPREM_STORE: 'sqlite:/data/csp.db' }))).to.deep.equal({ kind: 'memory' });
  });

  it('passes over a DATABASE_URL of another database, and says so when nothing else names a store', () => {
    expect(storeOf(['verify'], sources({ DATABASE_URL: 'mysql://app@db/shop' }))).to.equal(
      'verify needs --store, --store-file or CSP_ONPREM_STORE (DATABASE_URL or PGHOST for PostgreSQL) (DATABASE_URL is set, but is not a postgres:// URL)',
    );
  });
});

describe('csp-onprem with its store address outside argv, run as a child process', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-sources-'));
    path = join(dir, 'log.db');
    await writeAuditStoryFile(path);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies the store named by CSP_ONPREM_STORE', async () => {
    const run = await runBinary(['verify'], cleanEnvironment({ CSP_ONPREM_STORE: `sqlite:${path}` }));
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.match(/^verify: ok$/m);
  });

  it('verifies the store named in --store-file', async () => {
    const file = join(dir, 'store-address');
    writeFileSync(file, `sqlite:${path}\n`, { mode: 0o600 });
    const run = await runBinary(['verify', '--store-file', file], cleanEnvironment());
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
  });

  it('fails in one line, exit 2, when nothing names a store', async () => {
    const line = expectOneLineFailure(await runBinary(['verify'], cleanEnvironment()), 2);
    expect(line).to.equal('csp-onprem: verify needs --store, --store-file or CSP_ONPREM_STORE (DATABASE_URL or PGHOST for PostgreSQL) (try --help)');
  });

  it('never prints a password given as a query setting of the address, whether the address is malformed or the server unreachable', async () => {
    const malformed = expectOneLineFailure(await runBinary(['verify', '--store', 'postgres://app@db:notaport/ledger?password=s3cret'], cleanEnvironment()), 2);
    expect(malformed).to.equal('csp-onprem: store address postgres://app@db:notaport/ledger?password=*** is not a valid PostgreSQL URL (try --help)');
    const unreachable = await runBinary(['verify', '--store', 'postgres://app@127.0.0.1:1/ledger?password=s3cret&connect_timeout=1'], cleanEnvironment());
    expect(unreachable.code).to.equal(1);
    expect(`${unreachable.stdout}${unreachable.stderr}`).to.not.contain('s3cret');
  });
});

describe('where digest finds its TSA URL, so that no TSA password is on the command line', () => {
  const digestArgs = ['digest', '--store', 'a.db', '--sign', 'k.pem'];
  function tsaUrlOf(args: readonly string[], from: Sources): unknown {
    const parsed = parseArgs([...digestArgs, ...args], from);
    return parsed.kind === 'usage-error' ? parsed.message : (parsed as { readonly tsaUrl?: unknown }).tsaUrl;
  }

  it('reads the one line of --tsa-url-file, user name and password included', () => {
    const files = { '/run/secrets/tsa': '\n https://auditor:hunter2@tsa.example/tsr \n' };
    expect(tsaUrlOf(['--tsa-url-file', '/run/secrets/tsa'], sources({}, files))).to.equal('https://auditor:hunter2@tsa.example/tsr');
  });

  it('refuses a --tsa-url holding a user name or password, never quoting it, and both options together', () => {
    const refused = tsaUrlOf(['--tsa-url', 'https://auditor:hunter2@tsa.example/tsr'], sources({}));
    expect(refused).to.equal('--tsa-url holds a user name or password, which every user of this machine could read in the process list: put the URL in a file and give --tsa-url-file');
    expect(tsaUrlOf(['--tsa-url', 'https://auditor@tsa.example/tsr'], sources({}))).to.equal(refused);
    expect(tsaUrlOf(['--tsa-url', 'https://tsa.example/tsr?user=a@b'], sources({}))).to.equal('https://tsa.example/tsr?user=a@b');
    expect(tsaUrlOf(['--tsa-url', 'https://tsa.example/tsr', '--tsa-url-file', '/f'], sources({}))).to.equal('give --tsa-url or --tsa-url-file, not both');
    expect(tsaUrlOf(['--tsa-url-file', '/missing'], sources({}))).to.match(/^cannot read --tsa-url-file \/missing: /);
    expect(tsaUrlOf(['--tsa-url-file', '/empty'], sources({}, { '/empty': '\n' }))).to.equal("--tsa-url-file /empty is empty: it should hold the TSA's URL on one line");
  });
});
