import { expect } from 'chai';
import { parseArgs } from '@csp-onprem/cli';

describe('parseArgs', () => {
  it('runs the demo on ./csp-onprem.db when no --db is given', () => {
    expect(parseArgs(['demo'])).to.deep.equal({ kind: 'demo', db: './csp-onprem.db' });
  });

  it('takes the database path from --db <path> or --db=<path>', () => {
    expect(parseArgs(['demo', '--db', '/tmp/a.db'])).to.deep.equal({ kind: 'demo', db: '/tmp/a.db' });
    expect(parseArgs(['demo', '--db=/tmp/b.db'])).to.deep.equal({ kind: 'demo', db: '/tmp/b.db' });
  });

  it('asks for help when --help or -h appears anywhere, or for the help command', () => {
    for (const args of [['--help'], ['-h'], ['demo', '--help'], ['help']]) expect(parseArgs(args)).to.deep.equal({ kind: 'help' });
  });

  it('reports a usage error for no command, an unknown command, an unknown option or --db without a path', () => {
    const messages = [[], ['replay'], ['demo', '--fast'], ['demo', '--db'], ['demo', '--db=']].map((args) => {
      const parsed = parseArgs(args);
      return parsed.kind === 'usage-error' ? parsed.message : parsed.kind;
    });
    expect(messages).to.deep.equal([
      'no command given',
      'unknown command: replay',
      'unknown argument for demo: --fast',
      '--db needs a file path',
      '--db needs a file path',
    ]);
  });
});
