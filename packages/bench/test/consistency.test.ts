import { expect } from 'chai';
import { buildRows, consistencyProblems, type ChildOutcome, type MeasureResult } from '@csp-onprem/bench';

function outcome(id: string, overrides: Partial<MeasureResult> = {}): [string, ChildOutcome] {
  const result: MeasureResult = {
    id,
    kind: 'commands',
    operations: 1000,
    events: 1000,
    seconds: 1,
    perSecond: 1000,
    mismatches: 0,
    firstMismatches: [],
    peakRssMb: 100,
    details: {},
    ...overrides,
  };
  return [id, { ok: true, result }];
}

describe('the benchmark run’s verdict', () => {
  it('finds nothing wrong when every measure ran and the read models agree', () => {
    const outcomes = new Map([outcome('commands:sqlite:concurrent', { readModelDigest: 'abc' }), outcome('replay:sqlite', { kind: 'replay', readModelDigest: 'abc' })]);
    expect(consistencyProblems(outcomes)).to.deep.equal([]);
  });

  it('reports a crashed measure, a wrong command outcome and a replay that rebuilt another software list', () => {
    const outcomes = new Map<string, ChildOutcome>([
      outcome('commands:sqlite:concurrent', { readModelDigest: 'abc', mismatches: 2, firstMismatches: ['command #3: expected ok, got Forbidden'] }),
      outcome('replay:sqlite', { kind: 'replay', readModelDigest: 'abd' }),
      ['verify:sqlite', { ok: false, error: 'Error: boom\n    at somewhere' }],
    ]);
    const problems = consistencyProblems(outcomes);
    expect(problems).to.have.length(3);
    expect(problems.join('\n')).to.include('verify:sqlite crashed: Error: boom').and.include('2 mismatches').and.include('differs');
  });

  it('judges peak RSS on the largest durable-store measure, naming it and the heap limit it ran under', () => {
    const outcomes = new Map([outcome('commands:memory', { peakRssMb: 1400 }), outcome('commands:sqlite:concurrent', { peakRssMb: 380 }), outcome('replay:sqlite', { kind: 'replay', peakRssMb: 410 })]);
    const row = buildRows(outcomes, { small: 100, full: 1000, pgCommands: 100, sqliteCommands: 100, inFlight: 16, heapMb: 256 }).find((r) => r.measure.startsWith('peak RSS'));
    expect(row?.measure).to.equal('peak RSS, largest durable-store measure (heap limit 256 MB)');
    expect(row?.ours).to.equal('410 MB (replay:sqlite)');
    expect(row?.verdict).to.equal('MISS');
  });

  it('marks a target MISS when the figure is below it, and CRASH when its measure failed', () => {
    const slow = new Map([outcome('commands:sqlite:concurrent', { perSecond: 900 }), outcome('commands-baseline:sqlite:concurrent', { perSecond: 2000 })]);
    const row = buildRows(slow, { small: 100, full: 1000, pgCommands: 100, sqliteCommands: 100, inFlight: 16, heapMb: 256 }).find((r) => r.measure.startsWith('commands, SQLite'));
    expect(row?.verdict).to.equal('MISS');
    expect(row?.ratio).to.equal('0.45×');
    const crashed = new Map<string, ChildOutcome>([outcome('commands:sqlite:concurrent'), ['commands-baseline:sqlite:concurrent', { ok: false, error: 'killed' }]]);
    expect(buildRows(crashed, { small: 100, full: 1000, pgCommands: 100, sqliteCommands: 100, inFlight: 16, heapMb: 256 }).find((r) => r.measure.startsWith('commands, SQLite'))?.verdict).to.equal('CRASH');
  });
});
