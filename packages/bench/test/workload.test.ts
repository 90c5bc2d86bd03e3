import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, manualClock } from '@csp-onprem/engine';
import { workload, workloadStats, type WorkItem } from '@csp-onprem/bench';
import { executeAsActor } from '@csp-onprem/testing';

const small = { seed: 7, purchases: 150 };

describe('the benchmark workload', () => {
  it('gives the same commands for the same seed and other commands for another seed', () => {
    const first = [...workload(small)].map((item) => JSON.stringify(item));
    const again = [...workload(small)].map((item) => JSON.stringify(item));
    const other = [...workload({ ...small, seed: 8 })].map((item) => JSON.stringify(item));
    expect(again).to.deep.equal(first);
    expect(other).to.not.deep.equal(first);
  });

  it('comes out in time order, about ten events per purchase, across several partners and customers', () => {
    const items = [...workload(small)];
    for (let i = 1; i < items.length; i += 1) expect((items[i] as WorkItem).at).to.be.at.least((items[i - 1] as WorkItem).at);
    const stats = workloadStats(small);
    expect(stats.events / stats.purchases).to.be.within(8, 12);
    expect(stats.partners).to.be.at.least(3);
    expect(stats.customers).to.be.at.least(10);
    const types = new Set(items.flatMap((item) => item.events));
    expect([...types].sort()).to.deep.equal(
      ['CancelCompleted', 'CancelRejected', 'CancelRequested', 'Downloaded', 'KeyIssued', 'KeyRevoked', 'KeyViewed', 'LinkCopied', 'Purchased'].sort(),
    );
  });

  it('states for every command what the engine then does with it', async () => {
    const clock = manualClock(new Date(0));
    const engine = createEngine({ store: inMemoryStore(), clock: clock.now });
    const outcomes = new Map<string, number>();
    for (const item of workload(small)) {
      clock.set(new Date(item.at));
      const result = await executeAsActor(engine, item.command);
      const got = E.isLeft(result) ? result.left.code : result.right.replayed ? 'replayed' : result.right.events.map((event) => event.type).join(',');
      const wanted = item.expect === 'ok' ? item.events.join(',') : item.expect;
      expect(got, `command #${item.seq} ${String(item.command['type'])}`).to.equal(wanted);
      outcomes.set(item.expect, (outcomes.get(item.expect) ?? 0) + 1);
    }
    expect(outcomes.get('replayed')).to.be.greaterThan(0);
    expect(outcomes.get('ok')).to.be.greaterThan(1000);
  });
});
