import { expect } from 'chai';
import fc from 'fast-check';
import { NO_STREAM } from '@kurrent/kurrentdb-client';
import { streamStateFor, versionOfRevision, versionOfStreamState } from '@csp-onprem/store-kurrentdb/mapping';

describe('mapping stream versions to KurrentDB revisions', () => {
  it('appends to a new stream with the no_stream state', () => {
    expect(streamStateFor(0)).to.equal(NO_STREAM);
  });

  it('appends after version v at revision v - 1, since KurrentDB counts events from 0', () => {
    expect(streamStateFor(1)).to.equal(0n);
    expect(streamStateFor(2)).to.equal(1n);
    expect(streamStateFor(1000)).to.equal(999n);
  });

  it('gives the event at revision r the version r + 1', () => {
    expect(versionOfRevision(0n)).to.equal(1);
    expect(versionOfRevision(41n)).to.equal(42);
  });

  it('turns the state it appends with back into the version it was given, for every version', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER - 1 }), (version) => {
        const state = streamStateFor(version);
        expect(typeof state).to.equal('bigint');
        expect(versionOfRevision(state as bigint)).to.equal(version);
        expect(versionOfStreamState(state)).to.equal(version);
      }),
    );
  });

  it('has no version for a negative revision or one whose version is not a safe integer', () => {
    expect(versionOfRevision(-1n)).to.equal(undefined);
    expect(versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER) - 1n)).to.equal(Number.MAX_SAFE_INTEGER);
    expect(versionOfRevision(BigInt(Number.MAX_SAFE_INTEGER))).to.equal(undefined);
    expect(versionOfRevision(2n ** 64n - 1n)).to.equal(undefined);
  });

  it('reads a stream reported as no_stream as version 0 and a revision as that revision + 1', () => {
    expect(versionOfStreamState(NO_STREAM)).to.equal(0);
    expect(versionOfStreamState(4n)).to.equal(5);
  });

  it('has no version for stream states that do not say where a stream is', () => {
    for (const state of ['any', 'stream_exists', undefined, 4, '4']) expect(versionOfStreamState(state), String(state)).to.equal(undefined);
  });
});
