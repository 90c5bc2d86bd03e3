import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';
import { request, startServe } from './support/serve-process.js';

const CONTOSO = '22222222-2222-4222-8222-222222222222';
const variant = { version: '2019', language: 'en-us', bitness: '64-bit' };

describe('csp-onprem serve', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-serve-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('with --dev-identity makes the database and its KEK, seeds the demo story, prints the URL and a token per persona, and stops on SIGTERM', async () => {
    const db = join(dir, 'dev.db');
    const serve = await startServe(['--dev-identity', '--store', `sqlite:${db}`, '--port', '0']);
    try {
      expect(serve.stdout()).to.include('DEVELOPMENT IDENTITY: NOT FOR PRODUCTION');
      expect(serve.stdout()).to.match(/seeded with the demo's story \(run [0-9A-F]{8}\): 3 purchases/);
      expect(statSync(`${db}.kek`).mode & 0o777).to.equal(0o600);
      const megan = serve.token('partner-admin');
      expect((await request(serve.url, 'GET', '/v1/me', megan)).body).to.deep.equal({ userId: 'megan@northwind.example', tenantId: '11111111-1111-4111-8111-111111111111', roles: ['AdminAgent'] });
      const list = await request(serve.url, 'GET', `/v1/customers/${CONTOSO}/software`, megan);
      expect(list.body.items.map((item: { status: string }) => item.status)).to.deep.equal(['active', 'cancelled']);
      expect((await request(serve.url, 'GET', '/readyz')).status).to.equal(200);
      expect((await request(serve.url, 'GET', '/dev/personas')).body.personas).to.have.length(5);
    } finally {
      const stopped = await serve.stop();
      expect(stopped.code).to.equal(0);
      expect(stopped.stdout).to.include('csp-onprem serve: SIGTERM: finishing the requests in flight, then closing the store');
      expect(stopped.stdout).to.match(/csp-onprem serve: stopped\n$/);
    }
  });

  it('started again on the same file seeds nothing more and still shows the keys it issued', async () => {
    const db = join(dir, 'dev.db');
    const serve = await startServe(['--dev-identity', '--store', `sqlite:${db}`, '--port', '0']);
    try {
      expect(serve.stdout()).to.not.include('seeded with');
      const megan = serve.token('partner-admin');
      const list = await request(serve.url, 'GET', `/v1/customers/${CONTOSO}/software`, megan);
      expect(list.body.items).to.have.length(2);
      const sql = list.body.items[0].subscriptionId as string;
      const key = await request(serve.url, 'POST', `/v1/purchases/${sql}/keys`, megan, { commandId: 'after-restart-1', variant: { ...variant } });
      expect(key.status).to.equal(200);
      expect(key.body).to.include({ issued: false });
      expect(key.body.productKey).to.match(/^TEST-/);
    } finally {
      expect((await serve.stop()).code).to.equal(0);
    }
  });

  it('refuses to start without an identity, in one line, exit 2', async () => {
    const line = expectOneLineFailure(await runBinary(['serve', '--store', `sqlite:${join(dir, 'prod.db')}`]), 2);
    expect(line).to.include('serve needs --issuer and --audience');
    expect(existsSync(join(dir, 'prod.db'))).to.equal(false);
    expectOneLineFailure(await runBinary(['serve', '--dev-identity', '--issuer', 'https://login.example/']), 2);
    expectOneLineFailure(await runBinary(['serve', '--dev-identity', '--port', '70000']), 2);
    expectOneLineFailure(await runBinary(['serve', '--dev-identity', '--operator-tenant', 'desk']), 2);
  });

  it('refuses a durable store without a key-encryption key outside development mode', async () => {
    const line = expectOneLineFailure(await runBinary(['serve', '--store', `sqlite:${join(dir, 'prod.db')}`, '--issuer', 'https://login.example.invalid/', '--audience', 'api://x']), 2);
    expect(line).to.include('serve needs a key-encryption key');
  });

  it('says in one line when the port is taken, exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const line = expectOneLineFailure(await runBinary(['serve', '--dev-identity', '--store', 'memory:', '--port', String(port)]), 1);
      expect(line).to.include(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });
});
