import { expect } from 'chai';
import { redact, secretsOf, storeNameOf } from '@csp-onprem/store-kurrentdb';

describe('naming the KurrentDB store', () => {
  it('names the store after the hosts of its connection string', () => {
    expect(storeNameOf('kurrentdb://localhost:2113?tls=false')).to.equal('kurrentdb:localhost:2113');
    expect(storeNameOf('kurrentdb://db1:2113,db2:2113,db3:2113?nodePreference=leader')).to.equal('kurrentdb:db1:2113,db2:2113,db3:2113');
    expect(storeNameOf('esdb+discover://cluster.example.com:2113/')).to.equal('kurrentdb:cluster.example.com:2113');
  });

  it('leaves the credentials out of the name', () => {
    const name = storeNameOf('kurrentdb://admin:changeit@db.internal:2113?tls=true&tlsVerifyCert=false');
    expect(name).to.equal('kurrentdb:db.internal:2113');
    expect(name).not.to.contain('changeit');
  });

  it('leaves out a password written unencoded with ?, / or @ in it, and finds it to keep out of messages', () => {
    for (const [connectionString, password] of [
      ['kurrentdb://admin:pa?ss@db.internal:2113?tls=false', 'pa?ss'],
      ['kurrentdb://admin:a/b@db.internal:2113', 'a/b'],
      ['kurrentdb://admin:p@ss@db.internal:2113,db2:2113?tls=false', 'p@ss'],
    ] as const) {
      const name = storeNameOf(connectionString);
      expect(name, connectionString).to.match(/^kurrentdb:db\.internal:2113/);
      expect(name, connectionString).to.not.contain(password);
      expect(secretsOf(connectionString), connectionString).to.include(password);
    }
  });

  it('names a connection string it cannot read without repeating it', () => {
    expect(storeNameOf('admin:changeit@nowhere')).to.equal('kurrentdb:(invalid connection string)');
    expect(storeNameOf('kurrentdb://?tls=false')).to.equal('kurrentdb:(invalid connection string)');
  });

  it('finds the password as written and percent-decoded, to keep out of messages', () => {
    expect(secretsOf('kurrentdb://admin:p%40ss@db:2113')).to.include.members(['p%40ss', 'p@ss']);
    expect(secretsOf('kurrentdb://db:2113?tls=false')).to.deep.equal([]);
  });

  it('replaces every occurrence of every secret', () => {
    const secrets = secretsOf('kurrentdb://admin:hunter2@db:2113');
    expect(redact('hunter2, again hunter2, and admin:hunter2@db', secrets)).to.equal('***, again ***, and ***@db');
  });
});
