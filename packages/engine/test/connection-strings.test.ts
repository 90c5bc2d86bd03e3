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

  it('replaces a password given as a query setting, even one holding an @, and leaves the other settings', () => {
    expect(withoutPassword('postgres://app@db.internal/ledger?sslmode=require&password=s3cret&application_name=x')).to.equal(
      'postgres://app@db.internal/ledger?sslmode=require&password=***&application_name=x',
    );
    expect(withoutPassword('postgresql://db.internal/ledger?password=p@ss')).to.equal('postgresql://db.internal/ledger?password=***');
    expect(withoutPassword('postgres://app:one@db/ledger?PASSWORD=two&sslpassword=three#x')).to.equal('postgres://app:***@db/ledger?PASSWORD=***&sslpassword=***#x');
    expect(withoutPassword('postgres://app@db/ledger?password=')).to.equal('postgres://app@db/ledger?password=***');
  });

  it("replaces a keyword connection string's password, quoted or not", () => {
    expect(withoutPassword('host=db user=app password=s3cret dbname=ledger')).to.equal('host=db user=app password=*** dbname=ledger');
    expect(withoutPassword("password = 'two words' host=db")).to.equal('password = *** host=db');
    expect(withoutPassword('host=db dbname=ledger')).to.equal('host=db dbname=ledger');
  });
});
