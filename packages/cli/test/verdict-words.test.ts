import { expect } from 'chai';
import type { VerifyFailure } from '@csp-onprem/engine';
import { chainVerdict } from '../src/verified/chain-verdict.js';
import { plainDate } from '../src/verified/head-verdict.js';
import { terminalText } from '../src/render/terminal-text.js';
import { PurchaseNames } from '../src/verified/purchase-names.js';

const failure = (problem: VerifyFailure['problem'], version: number): VerifyFailure => ({ streamId: 's', version, position: 48, problem, detail: '' });

describe('verdicts in words an auditor understands', () => {
  it('says what is wrong with a purchase\'s history for each chain problem', () => {
    expect(chainVerdict(failure('hash', 3), 3, 'SUB-1')).to.equal('SUB-1: an event was changed after it was written (version 3, position 48)');
    expect(chainVerdict(failure('prev-hash', 3), 3, 'SUB-1')).to.equal('SUB-1: its history was cut or reordered: the event at version 3, position 48 does not follow the one before it');
    expect(chainVerdict(failure('version-gap', 5), 3, 'SUB-1')).to.equal('SUB-1: 2 events missing from the middle of its history (version 3 to 4, before position 48)');
    expect(chainVerdict(failure('version-gap', 4), 3, 'SUB-1')).to.equal('SUB-1: 1 event missing from the middle of its history (version 3, before position 48)');
    expect(chainVerdict(failure('version-gap', 2), 3, 'SUB-1')).to.equal('SUB-1: an event was inserted into its history or repeated: version 2 again at position 48');
    expect(chainVerdict(failure('decode', 3), 3, 'SUB-1')).to.equal('SUB-1: an event cannot be read: it is not a valid event (version 3, position 48)');
  });

  it('names a purchase by subscription, order and customer once its Purchased event was read, else by its stream id', () => {
    const names = new PurchaseNames();
    expect(names.of('csp-software-11111111-1111-4111-8111-111111111111/SUB-A1')).to.equal('SUB-A1');
    expect(names.of('csp-software-SUB-OLD')).to.equal('SUB-OLD');
    expect(names.of('other-stream')).to.equal('stream other-stream');
  });

  it('dates a digest as people read dates, and shows control characters from the log as escapes', () => {
    expect(plainDate('2026-12-07T18:00:00.000Z')).to.equal('7 Dec 2026 18:00 UTC');
    expect(terminalText('SUB-\u001b[32mok\u001b[0m \u202egnp.exe')).to.equal('SUB-\\u001b[32mok\\u001b[0m \\u202egnp.exe');
    expect(terminalText('line one\tand two')).to.equal('line one\\u0009and two');
  });
});
