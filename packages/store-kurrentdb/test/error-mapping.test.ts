import { expect } from 'chai';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { StoreError } from '@csp-onprem/engine';
import { isUnreachable, toAppendError, toStoreUnavailable, type ErrorContext } from '@csp-onprem/store-kurrentdb';

const context: ErrorContext = { store: 'kurrentdb:db:2113', action: 'appending to csp-software-7', secrets: ['s3cret'] };
const append = { streamId: 'csp-software-7', expectedVersion: 2 };

function wrongVersion(expected: bigint | 'no_stream', current: bigint | 'no_stream'): WrongExpectedVersionError {
  return new WrongExpectedVersionError(undefined, { streamName: 'csp-software-7', expected, current });
}

/** A raw gRPC failure as @grpc/grpc-js rejects with it before the client converts it. */
function grpcFailure(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details });
}

function expectUnavailable(error: StoreError, kind: 'unreachable' | 'failed'): void {
  expect(error.code).to.equal('StoreUnavailable');
  if (error.code !== 'StoreUnavailable') return;
  expect(error.message).to.contain('kurrentdb:db:2113: appending to csp-software-7');
  expect(error.cause).to.contain(kind === 'unreachable' ? 'unreachable' : 'failed the call');
}

describe('mapping KurrentDB client errors to store errors', () => {
  it('maps WrongExpectedVersionError to VersionConflict at 1-based versions', () => {
    expect(toAppendError(wrongVersion(1n, 4n), append, context)).to.deep.equal({
      code: 'VersionConflict',
      message: 'stream csp-software-7 is at version 5, expected 2',
      streamId: 'csp-software-7',
      expectedVersion: 2,
      actualVersion: 5,
    });
  });

  it('maps a conflict on a stream that does not exist to actual version 0', () => {
    const error = toAppendError(wrongVersion(0n, 'no_stream'), { streamId: 'csp-software-7', expectedVersion: 1 }, context);
    expect(error).to.include({ code: 'VersionConflict', expectedVersion: 1, actualVersion: 0 });
  });

  it('maps a conflict on creating a stream that exists to its version', () => {
    const error = toAppendError(wrongVersion('no_stream', 0n), { streamId: 'csp-software-7', expectedVersion: 0 }, context);
    expect(error).to.include({ code: 'VersionConflict', expectedVersion: 0, actualVersion: 1 });
  });

  it('maps an object shaped like a wrong-expected-version error the same way', () => {
    const shaped = { type: 'wrong-expected-version', streamName: 'csp-software-7', expectedState: 1n, actualState: 2n };
    expect(toAppendError(shaped, append, context)).to.include({ code: 'VersionConflict', actualVersion: 3 });
  });

  it('answers StoreUnavailable for a version conflict whose actual stream state is unknown', () => {
    const shaped = { type: 'wrong-expected-version', expectedState: 1n, actualState: 'any' };
    expectUnavailable(toAppendError(shaped, append, context), 'failed');
  });

  it('maps an unavailable, timed-out, cancelled or deadline-exceeded call to StoreUnavailable, saying the server is unreachable', () => {
    const causes = [
      new UnavailableError(undefined, 'UnavailableError'),
      new DeadlineExceededError(undefined, 'deadline exceeded'),
      new TimeoutError(undefined, 'timed out'),
      new CancelledError(undefined, 'cancelled by the server'),
      { type: 'not-leader', message: 'not the leader' },
    ];
    for (const cause of causes) {
      expect(isUnreachable(cause), String(cause)).to.equal(true);
      expectUnavailable(toAppendError(cause, append, context), 'unreachable');
    }
  });

  it('maps raw gRPC UNAVAILABLE and DEADLINE_EXCEEDED failures to StoreUnavailable with their details', () => {
    const refused = grpcFailure(14, 'UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1');
    const error = toAppendError(refused, append, context);
    expectUnavailable(error, 'unreachable');
    if (error.code === 'StoreUnavailable') expect(error.cause).to.contain('ECONNREFUSED 127.0.0.1:1');
    expectUnavailable(toAppendError(grpcFailure(4, 'DEADLINE_EXCEEDED: Deadline exceeded'), append, context), 'unreachable');
  });

  it('maps network errors and failed cluster discovery to StoreUnavailable, saying the server is unreachable', () => {
    const causes = [Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:2113'), { code: 'ECONNREFUSED' }), new Error('Failed to discover after 1 attempts.')];
    for (const cause of causes) expectUnavailable(toAppendError(cause, append, context), 'unreachable');
  });

  it('maps any other failure to StoreUnavailable, saying the server failed the call', () => {
    const causes = [
      new AccessDeniedError(undefined, 'Access denied'),
      StreamDeletedError.fromStreamName('csp-software-7'),
      new UnknownError(undefined, 'The operation is unsupported by the server'),
      grpcFailure(12, 'UNIMPLEMENTED: Received HTTP status code 404'),
      new TypeError('boom'),
      'a thrown string',
    ];
    for (const cause of causes) {
      expect(isUnreachable(cause), String(cause)).to.equal(false);
      expectUnavailable(toAppendError(cause, append, context), 'failed');
    }
  });

  it('names the error class and its message in the cause', () => {
    const error = toStoreUnavailable(new AccessDeniedError(undefined, 'Access denied'), context);
    expect(error.cause).to.contain('AccessDeniedError: Access denied');
  });

  it('keeps the connection string password out of every message', () => {
    const cause = new UnknownError(undefined, 'login as admin:s3cret@db:2113 failed');
    const error = toStoreUnavailable(cause, context);
    expect(error.message).not.to.contain('s3cret');
    expect(error.cause).not.to.contain('s3cret');
    expect(error.message).to.contain('admin:***@db:2113');
  });

  it('maps a refusal of the records themselves (an invalid argument, an append too large) to a refused value, not an outage', () => {
    const refusals: readonly (readonly [unknown, string])[] = [
      [new InvalidArgumentError('stream name holds s3cret'), 'a value KurrentDB calls an invalid argument'],
      [new MaxAppendSizeExceededError(undefined, 1_048_576), 'events larger than KurrentDB appends at once'],
      [{ type: 'append-record-size-exceeded', size: 9_000_000 }, 'an event larger than KurrentDB keeps'],
    ];
    for (const [cause, found] of refusals) {
      const error = toAppendError(cause, append, context);
      expect(error).to.deep.include({ code: 'InvalidCommand', refusedBy: 'kurrentdb:db:2113' });
      expect(error.code === 'InvalidCommand' && error.errors).to.deep.equal([{ path: 'events', expected: 'values KurrentDB can store', found }]);
      expect(error.message).to.not.include('s3cret');
    }
  });
});
