import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { parseStoreAddress, redactAddress } from '@csp-onprem/cli';

function parsed(address: string): unknown {
  const result = parseStoreAddress(address);
  return E.isRight(result) ? result.right : { error: result.left };
}

describe('parseStoreAddress', () => {
  it('reads sqlite:<file>, sqlite://<file> and a bare path ending in .db as SQLite files', () => {
    expect(parsed('sqlite:./audit.db')).to.deep.equal({ kind: 'sqlite', path: './audit.db' });
    expect(parsed('sqlite:///var/lib/csp.db')).to.deep.equal({ kind: 'sqlite', path: '/var/lib/csp.db' });
    expect(parsed('sqlite:log-without-suffix')).to.deep.equal({ kind: 'sqlite', path: 'log-without-suffix' });
    expect(parsed('/tmp/x.db')).to.deep.equal({ kind: 'sqlite', path: '/tmp/x.db' });
    expect(parsed('C:\\logs\\csp.db')).to.deep.equal({ kind: 'sqlite', path: 'C:\\logs\\csp.db' });
  });

  it('maps ?schema= of a PostgreSQL URL to the schema option and removes it from the connection string', () => {
    expect(parsed('postgres://u:p@db.example:5432/csp?schema=audit&sslmode=require')).to.deep.equal({
      kind: 'postgres',
      connectionString: 'postgres://u:p@db.example:5432/csp?sslmode=require',
      schema: 'audit',
    });
    expect(parsed('postgresql://db.example/csp?schema=s1')).to.deep.equal({ kind: 'postgres', connectionString: 'postgresql://db.example/csp', schema: 's1' });
    expect(parsed('postgres://db.example/csp')).to.deep.equal({ kind: 'postgres', connectionString: 'postgres://db.example/csp' });
  });

  it('passes KurrentDB addresses to the client, rewriting the deprecated esdb schemes to kurrentdb', () => {
    expect(parsed('kurrentdb://localhost:2113?tls=false')).to.deep.equal({ kind: 'kurrentdb', connectionString: 'kurrentdb://localhost:2113?tls=false' });
    expect(parsed('esdb://admin:changeit@localhost:2113?tls=false')).to.deep.equal({ kind: 'kurrentdb', connectionString: 'kurrentdb://admin:changeit@localhost:2113?tls=false' });
    expect(parsed('esdb+discover://cluster.example:2113')).to.deep.equal({ kind: 'kurrentdb', connectionString: 'kurrentdb+discover://cluster.example:2113' });
  });

  it('reads memory: as an empty in-memory store', () => {
    expect(parsed('memory:')).to.deep.equal({ kind: 'memory' });
  });

  it('refuses anything else in one line that lists the forms and hides a password', () => {
    const refusals = ['mysql://root:secret@db/x', 'audit.txt', '', 'sqlite:', 'esdb://', 'postgres://db/x?schema=a&schema=b'].map((address) => parsed(address));
    expect(refusals).to.deep.equal([
      { error: 'unknown store address mysql://root:***@db/x: use one of sqlite:<file>, <file>.db, postgres://..., postgresql://...[?schema=<name>], kurrentdb://..., esdb://..., esdb+discover://..., memory:' },
      { error: 'unknown store address audit.txt: use one of sqlite:<file>, <file>.db, postgres://..., postgresql://...[?schema=<name>], kurrentdb://..., esdb://..., esdb+discover://..., memory:' },
      { error: '--store needs an address' },
      { error: 'store address sqlite: names no file' },
      { error: 'store address esdb:// names no host' },
      { error: 'the PostgreSQL address gives ?schema= more than once' },
    ]);
    expect(redactAddress('postgres://user:p%40ss@host/db')).to.equal('postgres://user:***@host/db');
    // Generated passwords are often written unencoded: a URL parser would read them as path, query or host.
    expect(redactAddress('postgres://user:pa/ss@host/db')).to.equal('postgres://user:***@host/db');
    expect(redactAddress('postgres://user:a?b#c@host:5432/db?schema=x')).to.equal('postgres://user:***@host:5432/db?schema=x');
    expect(redactAddress('postgres://user:p@ss@host/db')).to.equal('postgres://user:***@host/db');
    const refused = parsed('postgres://user:pa/ss@host/db%zz?schema=x');
    expect(JSON.stringify(refused)).to.not.include('pa/ss');
  });
});
