import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { dataset, measureMixOverHttp, measureMixThroughEngine, mixOperations, parseOptions, planRun, type BenchOptions, type MeasureSpec } from '@csp-onprem/bench';

function parsed(...argv: string[]): BenchOptions {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('expected options, got help');
  return options;
}

describe('the HTTP measures of the benchmark', function () {
  this.timeout(120_000);

  it('draw the same operations for a seed, in the shares the mix names', () => {
    const data = dataset(100, 42);
    const first = mixOperations(data, 'getkey', 2000);
    expect(mixOperations(data, 'getkey', 2000)).to.deep.equal(first);
    const share = (kind: string) => first.filter((operation) => operation.kind === kind).length / first.length;
    expect(share('GetKey')).to.be.within(0.76, 0.84);
    expect(share('DownloadSoftware')).to.be.within(0.07, 0.13);
    expect(new Set(first.map((operation) => operation.commandId)).size).to.equal(first.length);
    expect(mixOperations(data, 'list', 2000).filter((operation) => operation.kind === 'softwareList').length / 2000).to.be.within(0.76, 0.84);
  });

  it('run with the SQLite measures: each mix over HTTP and through the engine, quick sizes under --quick', () => {
    const quick = parsed('--quick', '--store', 'sqlite');
    expect([quick.httpOperations, quick.httpPurchases]).to.deep.equal([400, 100]);
    const ids = planRun(quick, '/tmp/bench', 'r').measures.filter((spec) => spec.id.startsWith('mix:')).map((spec) => [spec.id, spec.kind, spec.clients, spec.operations]);
    expect(ids).to.deep.equal([
      ['mix:getkey:engine', 'mix-engine', 16, 400],
      ['mix:getkey:http', 'mix-http', 16, 400],
      ['mix:list:engine', 'mix-engine', 16, 400],
      ['mix:list:http', 'mix-http', 16, 400],
    ]);
    expect(planRun(parsed('--store', 'memory'), '/tmp/bench', 'r').measures.some((spec) => spec.id.startsWith('mix:'))).to.equal(false);
    expect(parsed('--http-ops', '50', '--http-purchases', '20')).to.include({ httpOperations: 50, httpPurchases: 20 });
  });

  it('complete every operation of a small mix over HTTP and through the engine, with latencies and the service process RSS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-bench-http-'));
    try {
      const spec = (via: 'engine' | 'http'): MeasureSpec => ({
        id: `mix:getkey:${via}`,
        kind: via === 'engine' ? 'mix-engine' : 'mix-http',
        target: { kind: 'sqlite', path: join(dir, `${via}.db`) },
        clients: 4,
        workload: { seed: 7, purchases: 20 },
        samples: 0,
        heapMb: 256,
        mix: 'getkey',
        operations: 60,
      });
      for (const result of [await measureMixThroughEngine(spec('engine')), await measureMixOverHttp(spec('http'))]) {
        expect(result.mismatches, result.firstMismatches.join(' | ')).to.equal(0);
        expect(result.operations).to.equal(60);
        expect(result.latency?.['all']?.samples).to.equal(60);
        expect(result.details['commands']).to.be.a('number').and.be.above(40);
      }
      const overHttp = await measureMixOverHttp({ ...spec('http'), target: { kind: 'sqlite', path: join(dir, 'again.db') } });
      expect(overHttp.details['timedPeakRssMb']).to.be.a('number').and.be.above(20);
      expect(overHttp.details['serverCpuMsPerRequest']).to.be.a('number');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
