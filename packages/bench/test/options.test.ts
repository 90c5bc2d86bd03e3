import { expect } from 'chai';
import { parseOptions, type BenchOptions } from '@csp-onprem/bench';

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

  it('answers help for --help', () => {
    expect(parseOptions(['--help'])).to.equal('help');
  });
});
