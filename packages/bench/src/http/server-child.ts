// The service of the HTTP measures, in a process of its own: the measure's process is the
// load generator, so this process's peak RSS is what a deployment of the service would use.
import { createServer, devIdentity } from '@csp-onprem/server';
import * as E from 'fp-ts/lib/Either.js';
import { openStore } from '../stores/store-target.js';
import { datasetEngine } from './http-dataset.js';
import { SERVER_SPEC_VARIABLE, type ServerChildSpec, type ServerReady, type ServerStopped } from './server-spec.js';

async function main(): Promise<void> {
  const spec = JSON.parse(process.env[SERVER_SPEC_VARIABLE] ?? '') as ServerChildSpec;
  const engine = datasetEngine(openStore(spec.target), spec.seed);
  const caughtUp = await engine.catchUp();
  if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
  const identity = await devIdentity({
    personas: spec.partners.map((partner, index) => ({ id: `partner-${index}`, label: partner.userId, claims: { tid: partner.tenantId, sub: partner.userId, roles: [...partner.roles] } })),
    roles: { operatorTenants: [] },
  });
  const app = createServer({ engine, identity, log: false, portal: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const ready = process.cpuUsage();
  process.on('message', (message) => {
    if (message !== 'stop') return;
    const cpu = process.cpuUsage(ready);
    void app.close().then(() => process.send?.({ peakRssMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies ServerStopped, () => process.exit(0)));
  });
  process.send?.({ url, tokens: identity.development.personas.map((persona) => persona.token) } satisfies ServerReady);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
