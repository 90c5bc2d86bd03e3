import { expect } from 'chai';
import { splitConnectionString, withoutPassword } from '@csp-onprem/engine';

describe('connection strings, split where their credentials end', () => {
  it('finds the credentials before the hosts, and none without an @', () => {
    expect(splitConnectionString('postgres://app:s3cret@db.internal:5432/ledger?sslmode=require')).to.deep.equal({
      scheme: 'postgres://',
      userinfo: 'app:s3cret',
      rest: 'db.internal:5432/ledger?sslmode=require',
    });
    expect(splitConnectionString('kurrentdb://db1:2113,db2:2113?tls=false')).to.deep.equal({ scheme: 'kurrentdb://', userinfo: undefined, rest: 'db1:2113,db2:2113?tls=false' });
    expect(splitConnectionString('host=db user=app password=x')).to.equal(undefined);
  });

  it('keeps a password written unencoded with /, ?, # or @ whole, instead of reading part of it as a host', () => {
    for (const password of ['pa/ss', 'pa?ss', 'pa#ss', 'p@ss', '12/ab@cd']) {
      const split = splitConnectionString(`postgres://app:${password}@[::1]:5432/ledger`);
      expect(split, password).to.deep.include({ userinfo: `app:${password}`, rest: '[::1]:5432/ledger' });
    }
  });

  it('takes too much for credentials rather than too little when a query holds an @', () => {
    expect(splitConnectionString('kurrentdb://db:2113?connectionName=a@b')).to.deep.include({ userinfo: 'db:2113?connectionName=a', rest: 'b' });
  });

  it('replaces only the password with ***, leaving the user, hosts and settings', () => {
    expect(withoutPassword('postgres://app:pa/ss@db.internal/ledger?schema=books')).to.equal('postgres://app:***@db.internal/ledger?schema=books');
    expect(withoutPassword('postgres://app@db.internal/ledger')).to.equal('postgres://app@db.internal/ledger');
    expect(withoutPassword('postgres://db.internal/ledger')).to.equal('postgres://db.internal/ledger');
  });
});
