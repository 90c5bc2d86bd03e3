import { expect } from 'chai';
import { parseOptions, planRun, type BenchOptions } from '@csp-onprem/bench';

function parsed(...argv: string[]): BenchOptions {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('expected options, got help');
  return options;
}

describe('the benchmark command line', () => {
  it('runs the full workload on every store by default, with engines sized for its active purchases', () => {
    const options = parsed();
    expect(options.purchases).to.equal(100_000);
    expect(options.stores).to.deep.equal(['memory', 'sqlite', 'postgres']);
    expect(options.streamCache).to.equal(30_000);
    expect(options.inFlight).to.equal(16);
  });

  it('sizes the workload by events, and takes the engines stream cache from --stream-cache', () => {
    const options = parsed('--events', '97000', '--stream-cache', '10_000', '--store', 'sqlite');
    expect(options.purchases).to.equal(10_000);
    expect(options.streamCache).to.equal(10_000);
    expect(options.stores).to.deep.equal(['sqlite']);
  });

  it('refuses a size that is not a positive integer, naming the flag', () => {
    expect(() => parsed('--stream-cache', '0')).to.throw(RangeError, '--stream-cache must be a positive integer');
    expect(() => parsed('--events', 'many')).to.throw(RangeError, '--events must be a positive integer');
    expect(() => parsed('--store', 'oracle')).to.throw(RangeError, '--store must be memory, sqlite, postgres or all');
  });

  it('limits the heap of every measure on a durable store to 256 MB unless --heap-mb says otherwise, and leaves the in-memory store\'s measures room for the whole log', () => {
    expect(parsed().heapMb).to.equal(256);
    const options = parsed('--heap-mb', '512');
    expect(options.heapMb).to.equal(512);
    const plan = planRun(options, '/tmp/nowhere', 'run');
    const heapOf = (id: string) => plan.measures.find((measure) => measure.id === id)?.heapMb;
    expect(['commands:sqlite:concurrent', 'replay:postgres', 'queries:sqlite', 'commands-baseline:sqlite:1'].map(heapOf)).to.deep.equal([512, 512, 512, 512]);
    expect(['commands:memory', 'emmett:memory:small', 'commands-baseline:memory'].map(heapOf)).to.deep.equal([8192, 8192, 8192]);
    expect(() => parsed('--heap-mb', '0')).to.throw(RangeError, '--heap-mb must be a positive integer');
  });

  it('answers help for --help', () => {
    expect(parseOptions(['--help'])).to.equal('help');
  });
});
