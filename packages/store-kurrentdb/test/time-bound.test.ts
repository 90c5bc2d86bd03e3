import { setTimeout as sleep } from 'node:timers/promises';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import { withinTime } from '@csp-onprem/store-kurrentdb';

describe('bounding a call in time', () => {
  it('gives the call’s own answer when it comes in time', async () => {
    const answer = await withinTime(1000, () => 'late', async () => E.right(42));
    expect(answer).to.deep.equal(E.right(42));
  });

  it('answers the timeout value when the call takes longer, without waiting for it', async () => {
    const started = Date.now();
    const answer = await withinTime(50, () => 'no answer within 50 ms', async () => {
      await sleep(500);
      return E.right(1);
    });
    expect(answer).to.deep.equal(E.left('no answer within 50 ms'));
    expect(Date.now() - started).to.be.below(1000);
  });
});
