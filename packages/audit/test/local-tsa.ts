import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a route of the local TSA does with a request. */
export type TsaRoute = 'rsa' | 'ec' | 'reject' | 'error' | 'garbage' | 'truncated' | 'other-request' | 'basic-auth';

/** The user name and password the `basic-auth` route wants. */
export const TSA_CREDENTIALS = { user: 'auditor', password: 's3cret/pass' } as const;

/** A real RFC 3161 TSA (`openssl ts -reply`) behind a tiny HTTP server on 127.0.0.1, with its certificates. */
export interface LocalTsa {
  /** The URL of a route: `rsa` and `ec` answer real tokens; the others misbehave as named. */
  url(route: TsaRoute): string;
  /** PEM certificates: the RSA and the ECDSA P-256 TSAs', another TSA's, and one with the RSA TSA's key, issuer and serial but no timeStamping purpose. */
  readonly certificates: { readonly rsa: string; readonly ec: string; readonly other: string; readonly withoutTimestamping: string };
  /** Where its files are. */
  readonly dir: string;
  close(): Promise<void>;
}

/** Fails, saying why, when `openssl` cannot be run: the timestamp tests need a real TSA. */
export function requireOpenssl(): void {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error('openssl is not installed (or cannot be run): the RFC 3161 tests run a real TSA with `openssl ts`; install it (Debian: apt-get install openssl)');
  }
}

const CERT_CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = csp-onprem test
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_tsa]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_plain]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
`;

function tsConfig(dir: string, name: string, digests: string, essCertIdAlg: string): string {
  return `
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = ${dir}
serial = $dir/${name}.serial
crypto_device = builtin
signer_cert = $dir/${name}.pem
certs = $dir/ca.pem
signer_key = $dir/${name}.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = ${digests}
accuracy = secs:1, millisecs:500
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = ${essCertIdAlg}
`;
}

/** Generates a CA and three TSA certificates with openssl, writes the ts configs, and serves them. */
export async function startLocalTsa(): Promise<LocalTsa> {
  requireOpenssl();
  const dir = mkdtempSync(join(tmpdir(), 'csp-onprem-tsa-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(join(dir, 'cert.cnf'), CERT_CONFIG);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  openssl('req', '-x509', '-new', ...ec, '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=csp-onprem test CA', '-config', 'cert.cnf', '-extensions', 'v3_ca');
  const issue = (name: string, keyArgs: string[], serial: string, extensions: string, csr = name) => {
    if (keyArgs.length > 0) openssl('req', '-new', ...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${csr}.csr`, '-subj', `/CN=csp-onprem test ${name}`, '-config', 'cert.cnf');
    openssl('x509', '-req', '-in', `${csr}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '2', '-out', `${name}.pem`, '-extfile', 'cert.cnf', '-extensions', extensions);
    writeFileSync(join(dir, `${name}.serial`), '01\n');
  };
  issue('tsa-rsa', ['-newkey', 'rsa:2048'], '0x1001', 'v3_tsa');
  issue('tsa-ec', ec, '0x1002', 'v3_tsa');
  issue('tsa-other', ec, '0x1003', 'v3_tsa');
  // The RSA TSA's own key, issuer and serial, without the timeStamping purpose.
  issue('no-eku', [], '0x1001', 'v3_plain', 'tsa-rsa');
  // The RSA TSA names its certificate with SHA-1 (SigningCertificate), the ECDSA one with SHA-256 (SigningCertificateV2).
  writeFileSync(join(dir, 'rsa.cnf'), tsConfig(dir, 'tsa-rsa', 'sha256, sha384, sha512', 'sha1'));
  writeFileSync(join(dir, 'ec.cnf'), tsConfig(dir, 'tsa-ec', 'sha256, sha384, sha512', 'sha256'));
  writeFileSync(join(dir, 'reject.cnf'), tsConfig(dir, 'tsa-ec', 'sha512', 'sha256'));

  let counter = 0;
  const reply = async (query: Uint8Array, config: string): Promise<Buffer> => {
    counter += 1;
    const [q, r] = [join(dir, `q${counter}.tsq`), join(dir, `r${counter}.tsr`)];
    writeFileSync(q, query);
    await run('openssl', ['ts', '-reply', '-queryfile', q, '-config', join(dir, config), '-out', r]);
    return readFileSync(r);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const query = Buffer.concat(chunks);
      const route = (request.url ?? '/').slice(1) as TsaRoute;
      const send = (status: number, body: Uint8Array, type = 'application/timestamp-reply') => {
        response.writeHead(status, { 'content-type': type });
        response.end(body);
      };
      const answer = async (): Promise<void> => {
        switch (route) {
          case 'rsa':
            return send(200, await reply(query, 'rsa.cnf'));
          case 'ec':
            return send(200, await reply(query, 'ec.cnf'));
          case 'reject':
            return send(200, await reply(query, 'reject.cnf'));
          case 'error':
            return send(503, Buffer.from('the TSA is down for maintenance'), 'text/plain');
          case 'garbage':
            return send(200, Buffer.from('<html><body>Welcome to our time server</body></html>'), 'text/html');
          case 'truncated': {
            const full = await reply(query, 'rsa.cnf');
            return send(200, full.subarray(0, Math.floor(full.length / 2)));
          }
          case 'other-request': {
            writeFileSync(join(dir, 'other.txt'), 'some other bytes');
            await run('openssl', ['ts', '-query', '-data', join(dir, 'other.txt'), '-sha256', '-cert', '-out', join(dir, 'other.tsq')]);
            return send(200, await reply(readFileSync(join(dir, 'other.tsq')), 'rsa.cnf'));
          }
          case 'basic-auth': {
            const wanted = `Basic ${Buffer.from(`${TSA_CREDENTIALS.user}:${TSA_CREDENTIALS.password}`).toString('base64')}`;
            if (request.headers.authorization !== wanted) return send(401, Buffer.from('who are you?'), 'text/plain');
            return send(200, await reply(query, 'rsa.cnf'));
          }
          default:
            return send(404, Buffer.from('no such route'), 'text/plain');
        }
      };
      answer().catch(() => send(500, Buffer.from('openssl failed'), 'text/plain'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    url: (route) => `http://127.0.0.1:${port}/${route}`,
    certificates: { rsa: read('tsa-rsa.pem'), ec: read('tsa-ec.pem'), other: read('tsa-other.pem'), withoutTimestamping: read('no-eku.pem') },
    dir,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
