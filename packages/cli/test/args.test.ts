import { expect } from 'chai';
import { parseArgs } from '@csp-onprem/cli';

/** No store address in the environment or in files, whatever this process's environment holds. */
const NOWHERE: NonNullable<Parameters<typeof parseArgs>[1]> = {
  environment: {},
  readFile: () => {
    throw new Error('no files here');
  },
};

function message(args: readonly string[]): string {
  const parsed = parseArgs(args, NOWHERE);
  return parsed.kind === 'usage-error' ? parsed.message : parsed.kind;
}

describe('parseArgs', () => {
  it('runs the demo on ./csp-onprem.db when no --db is given, leaving the KEK file to the environment or <db>.kek', () => {
    expect(parseArgs(['demo'])).to.deep.equal({ kind: 'demo', db: './csp-onprem.db' });
  });

  it('takes the database path from --db <path> or --db=<path>, and the key-encryption key file from --kek-file', () => {
    expect(parseArgs(['demo', '--db', '/tmp/a.db'])).to.deep.equal({ kind: 'demo', db: '/tmp/a.db' });
    expect(parseArgs(['demo', '--db=/tmp/b.db', '--kek-file', '/keys/b.kek'])).to.deep.equal({ kind: 'demo', db: '/tmp/b.db', kekFile: '/keys/b.kek' });
  });

  it('parses rotate-kek with the next KEK file required and the current one from --kek-file or the environment', () => {
    expect(parseArgs(['rotate-kek', '--store', 'a.db', '--kek-file', 'old.kek', '--next-kek-file', 'new.kek'])).to.deep.equal({
      kind: 'rotate-kek',
      store: { kind: 'sqlite', path: 'a.db' },
      kekFile: 'old.kek',
      nextKekFile: 'new.kek',
    });
    expect(parseArgs(['rotate-kek', '--store', 'a.db', '--next-kek-file', 'new.kek'])).to.not.have.property('kekFile');
    expect(message(['rotate-kek', '--store', 'a.db'])).to.equal('rotate-kek needs --next-kek-file');
  });

  it('no longer takes a development vault file: the store keeps the data keys', () => {
    for (const command of [['forget-tenant', '--tenant', '33333333-3333-4333-8333-333333333333'], ['replay', '--as-of', '3'], ['export', '--format', 'json', '--out', 'x.json']]) {
      expect(message([command[0] as string, '--store', 'a.db', ...command.slice(1), '--vault', 'v.json'])).to.equal(`unknown argument for ${command[0] as string}: --vault`);
    }
  });

  it('asks for the general help, or the help of the command it follows', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['nonsense', '--help']]) expect(parseArgs(args)).to.deep.equal({ kind: 'help' });
    expect(parseArgs(['demo', '--help'])).to.deep.equal({ kind: 'help', command: 'demo' });
    expect(parseArgs(['verify', '--store', 'x.db', '-h'])).to.deep.equal({ kind: 'help', command: 'verify' });
    expect(parseArgs(['help', 'forget-tenant'])).to.deep.equal({ kind: 'help', command: 'forget-tenant' });
  });

  it('parses every audit command into typed options', () => {
    expect(parseArgs(['verify', '--store', 'sqlite:a.db', '--digest=d.json', '--json'])).to.deep.equal({
      kind: 'verify',
      store: { kind: 'sqlite', path: 'a.db' },
      digest: 'd.json',
      json: true,
    });
    expect(parseArgs(['digest', '--store', 'memory:', '--at', '7'])).to.deep.equal({ kind: 'digest', store: { kind: 'memory' }, at: 7 });
    expect(parseArgs(['replay', '--store', 'a.db', '--as-of', '12', '--customer', '22222222-2222-4222-8222-22222222222A'])).to.deep.equal({
      kind: 'replay',
      store: { kind: 'sqlite', path: 'a.db' },
      asOf: { kind: 'position', position: 12 },
      customer: '22222222-2222-4222-8222-22222222222a',
      json: false,
    });
    expect(parseArgs(['export', '--store', 'a.db', '--format', 'html', '--out', 't.html', '--from', '2025-01-01', '--to', '2025-01-31'])).to.deep.equal({
      kind: 'export',
      store: { kind: 'sqlite', path: 'a.db' },
      format: 'html',
      out: 't.html',
      from: new Date('2025-01-01T00:00:00.000Z'),
      to: new Date('2025-01-31T23:59:59.999Z'),
    });
    expect(parseArgs(['digest', '--store', 'a.db', '--out', 'h.json', '--force', '--sign', 'k.pem', '--tsa-url', 'https://tsa.example/tsr', '--tsa-cert', 'tsa.pem'])).to.deep.equal({
      kind: 'digest',
      store: { kind: 'sqlite', path: 'a.db' },
      out: 'h.json',
      force: true,
      sign: 'k.pem',
      tsaUrl: 'https://tsa.example/tsr',
      tsaCert: 'tsa.pem',
    });
    expect(parseArgs(['verify', '--store', 'a.db', '--digest', 'h.json', '--public-key', 'k.pub', '--tsa-cert', 'tsa.pem'])).to.deep.include({ digest: 'h.json', publicKey: 'k.pub', tsaCert: 'tsa.pem' });
    expect(parseArgs(['replay', '--store', 'a.db', '--as-of', '2025-01-08', '--recorded-by', '14', '--allow-unverified'])).to.deep.include({ recordedBy: { kind: 'position', position: 14 }, allowUnverified: true });
    expect(parseArgs(['replay', '--store', 'a.db', '--as-of', '2025-01-08', '--recorded-by', 'heads/7-dec.json'])).to.deep.include({ recordedBy: { kind: 'digest', file: 'heads/7-dec.json' } });
    expect(parseArgs(['export', '--store', 'a.db', '--format', 'csv', '--out', 't.csv', '--digest', 'h.json', '--allow-unverified', '--force'])).to.deep.include({ digest: 'h.json', allowUnverified: true, force: true });
    expect(parseArgs(['consistency', '--store', 'a.db', '--from', 'old.json', '--to', 'new.json', '--out', 'p.json'])).to.deep.equal({
      kind: 'consistency',
      mode: 'make',
      store: { kind: 'sqlite', path: 'a.db' },
      from: 'old.json',
      to: 'new.json',
      out: 'p.json',
    });
    expect(parseArgs(['consistency', '--check', 'p.json', '--public-key', 'k.pub'])).to.deep.equal({ kind: 'consistency', mode: 'check', check: 'p.json', publicKey: 'k.pub' });
    expect(parseArgs(['prove', '--store', 'a.db', '--event', '48', '--digest', 'h.json'])).to.deep.equal({ kind: 'prove', mode: 'make', store: { kind: 'sqlite', path: 'a.db' }, event: 48, digest: 'h.json' });
    expect(parseArgs(['prove', '--check', 'p.json', '--digest', 'h.json'])).to.deep.equal({ kind: 'prove', mode: 'check', check: 'p.json', digest: 'h.json' });
    expect(parseArgs(['forget-tenant', '--store', 'a.db', '--tenant', '33333333-3333-4333-8333-333333333333'])).to.deep.equal({
      kind: 'forget-tenant',
      store: { kind: 'sqlite', path: 'a.db' },
      tenant: '33333333-3333-4333-8333-333333333333',
    });
  });

  it('reports a usage error for a missing command, option or value, an unknown argument, a repeated option or a bad value', () => {
    expect(
      [
        [],
        ['audit'],
        ['demo', '--fast'],
        ['demo', '--db'],
        ['verify'],
        ['verify', '--store', 'a.db', '--store', 'b.db'],
        ['verify', '--store', 'a.db', '--json=yes'],
        ['replay', '--store', 'a.db'],
        ['replay', '--store', 'a.db', '--as-of', '--json'],
        ['replay', '--store', 'a.db', '--as-of', '3', '--customer', 'contoso'],
        ['export', '--store', 'a.db', '--format', 'csv', '--out', 'x', '--from', '2025-02-01', '--to', '2025-01-01'],
        ['forget-tenant', '--store', 'a.db'],
        ['digest', '--store', 'a.db', '--tsa-url', 'https://tsa.example/tsr'],
        ['digest', '--store', 'a.db', '--sign', 'k.pem', '--tsa-cert', 'tsa.pem'],
        ['consistency', '--store', 'a.db', '--to', 'new.json'],
        ['consistency', '--check', 'p.json', '--store', 'a.db'],
        ['prove', '--store', 'a.db', '--event', '3'],
        ['prove', '--store', 'a.db', '--digest', 'h.json'],
        ['prove', '--store', 'a.db', '--digest', 'h.json', '--event', 'last'],
        ['prove', '--check', 'p.json', '--digest', 'h.json', '--event', '3'],
      ].map(message),
    ).to.deep.equal([
      'no command given',
      'unknown command: audit',
      'unknown argument for demo: --fast',
      '--db needs a value',
      'verify needs --store, --store-file or CSP_ONPREM_STORE (DATABASE_URL or PGHOST for PostgreSQL)',
      '--store is given more than once',
      '--json takes no value',
      'replay needs --as-of',
      '--as-of needs a value',
      '--customer contoso is not a tenant GUID',
      '--from is after --to',
      'forget-tenant needs --tenant',
      '--tsa-url needs --sign: the TSA timestamps the signed head',
      '--tsa-cert needs --tsa-url: it checks the token the TSA answers',
      'consistency needs --from (the older digest), or --check <proof file>',
      'consistency --check works offline from the proof file: --store is not used with it',
      'prove needs --digest (the tree head the event is proven in)',
      'prove needs --event (the position of the event), or --check <proof file>',
      '--event last is not a global position (a whole number >= 0)',
      'prove --check works offline from the proof file: --event is not used with it',
    ]);
  });

  it('names the commands that take an option given to the wrong one, or the option a typo most likely meant', () => {
    expect(message(['verify', '--store', 'a.db', '--kek-file', 'k'])).to.equal('unknown argument for verify: --kek-file (an option of serve and demo and rotate-kek)');
    expect(message(['verify', '--stor', 'a.db'])).to.equal('unknown argument for verify: --stor (did you mean --store?)');
    expect(message(['digest', '--store', 'a.db', '--jsn'])).to.equal('unknown argument for digest: --jsn');
  });

  it('never prints a password from an argument it does not know: an option is named without its value, anything else redacted', () => {
    expect(message(['verify', '--stor=postgres://app:s3cret@db/ledger'])).to.equal('unknown argument for verify: --stor (did you mean --store?)');
    expect(message(['verify', 'postgres://app:s3cret@db/ledger'])).to.equal('unknown argument for verify: postgres://app:***@db/ledger');
  });
});
