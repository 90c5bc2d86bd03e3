import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { commandTypes, decodeCommand, type InvalidCommandError } from '@csp-onprem/domain';
import {
  aCancellationRequest,
  aCompletion,
  aDownload,
  aGetKey,
  aLinkCopy,
  aPurchase,
  aRejection,
  given,
} from '@csp-onprem/testing';

function invalid(input: unknown): InvalidCommandError {
  const decoded = decodeCommand(input);
  if (E.isRight(decoded)) return expect.fail(`expected ${JSON.stringify(input)} not to decode`);
  return decoded.left;
}

function failingPaths(input: unknown): string[] {
  return invalid(input).errors.map((e) => e.path);
}

/** A JSON copy of `command` with the field at the dotted `path` deleted. */
function without(command: object, path: string): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(command)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, copy);
  delete parent[last];
  return copy;
}

describe('decoding commands from untrusted JSON', () => {
  const valid = [aPurchase(), aGetKey(), aDownload(), aLinkCopy(), aCancellationRequest(), aCompletion('TKT-1'), aRejection('TKT-1')];

  it('decodes a valid command of every type', () => {
    expect(valid.map((c) => c.type)).to.have.members([...commandTypes]);
    for (const command of valid) {
      const decoded = decodeCommand(JSON.parse(JSON.stringify(command)));
      expect(E.isRight(decoded), `${command.type} should decode`).to.equal(true);
    }
  });

  it('drops fields the command does not define', () => {
    const decoded = decodeCommand({ ...aGetKey(), isAdmin: true });
    if (E.isLeft(decoded)) return expect.fail(decoded.left.message);
    expect(decoded.right).to.not.have.property('isAdmin');
  });

  it('refuses input that is not an object, naming the whole input', () => {
    for (const input of [null, undefined, 42, 'GetKey', [aGetKey()]]) {
      const error = invalid(input);
      expect(error.code).to.equal('InvalidCommand');
      expect(error.errors.map((e) => e.path)).to.deep.equal(['']);
    }
  });

  it('refuses an unknown command type, listing the known ones', () => {
    const error = invalid({ ...aGetKey(), type: 'RevokeEverything' });
    expect(error.errors[0]?.path).to.equal('type');
    expect(error.message).to.include('PurchaseSoftware').and.to.include('RejectCancellation');
  });

  it('refuses a missing type', () => {
    const { type: _type, ...untyped } = aGetKey();
    expect(failingPaths(untyped)).to.deep.equal(['type']);
  });

  it('refuses a floating-point unit price, naming unitPrice.amount', () => {
    const error = invalid({ ...aPurchase(), unitPrice: { amount: 972.5, currency: 'USD' } });
    expect(error.errors.map((e) => e.path)).to.deep.equal(['unitPrice.amount']);
    expect(error.message).to.include('unitPrice.amount');
  });

  it('refuses an amount given as a string of major units', () => {
    expect(failingPaths({ ...aPurchase(), unitPrice: { amount: '972.00', currency: 'USD' } })).to.deep.equal(['unitPrice.amount']);
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    expect(failingPaths({ ...aPurchase(), unitPrice: { amount: 100, currency: 'usd' } })).to.deep.equal(['unitPrice.currency']);
    expect(failingPaths({ ...aPurchase(), unitPrice: { amount: 100, currency: 'DOLLARS' } })).to.deep.equal(['unitPrice.currency']);
  });

  it('refuses a quantity below one or not whole', () => {
    expect(failingPaths({ ...aPurchase(), quantity: 0 })).to.deep.equal(['quantity']);
    expect(failingPaths({ ...aPurchase(), quantity: 1.5 })).to.deep.equal(['quantity']);
  });

  it('refuses a customer tenant that is not a GUID, naming customer.tenantId', () => {
    expect(failingPaths({ ...aPurchase(), customer: { tenantId: 'contoso', domain: 'contoso.onmicrosoft.com' } })).to.deep.equal([
      'customer.tenantId',
    ]);
  });

  it('refuses an actor tenant that is not a GUID, naming actor.tenantId', () => {
    expect(failingPaths({ ...aGetKey(), actor: { userId: 'u', tenantId: 'partner', roles: ['AdminAgent'] } })).to.deep.equal([
      'actor.tenantId',
    ]);
  });

  it('refuses a bitness other than 32-bit or 64-bit, naming variant.bitness', () => {
    expect(failingPaths({ ...aGetKey(), variant: { version: '2019', language: 'en-us', bitness: 'x64' } })).to.deep.equal([
      'variant.bitness',
    ]);
  });

  it('lists every failing path of a cancellation request at once', () => {
    const paths = failingPaths({
      ...aCancellationRequest(),
      customer: { tenantId: 'not-a-guid' },
      contact: { name: 'Adele', email: 'adele-at-partner', phone: '+1 425 555 0100' },
      requestedAmount: { amount: 10.5, currency: 'USD' },
    });
    expect(paths).to.include.members(['customer.tenantId', 'contact.email', 'requestedAmount.amount']);
  });

  it('refuses a cancellation request with neither tenant GUID nor domain', () => {
    expect(failingPaths({ ...aCancellationRequest(), customer: {} })).to.deep.equal(['customer']);
  });

  it('refuses a cancellation request with neither order id nor subscription id', () => {
    const { subscriptionId: _s, ...unreferenced } = aCancellationRequest();
    const error = invalid(unreferenced);
    expect(error.message).to.include('orderId or subscriptionId');
  });

  it('accepts a cancellation request by domain and order id only', () => {
    const { subscriptionId: _s, ...byOrder } = aCancellationRequest({ customer: { domain: 'contoso.onmicrosoft.com' }, orderId: 'ORD-1001' });
    expect(E.isRight(decodeCommand(byOrder))).to.equal(true);
  });

  it('refuses a requested amount of zero as InvalidCommand naming requestedAmount.amount', () => {
    given().when({ ...aCancellationRequest(), requestedAmount: { amount: 0, currency: 'USD' } }).thenFails('InvalidCommand');
    expect(failingPaths({ ...aCancellationRequest(), requestedAmount: { amount: 0, currency: 'USD' } })).to.deep.equal([
      'requestedAmount.amount',
    ]);
  });

  it('refuses a blank commandId and an actor without roles list', () => {
    expect(failingPaths({ ...aGetKey(), commandId: '   ' })).to.deep.equal(['commandId']);
    expect(failingPaths({ ...aGetKey(), actor: { userId: 'u', tenantId: 'aaaaaaaa-1111-4000-8000-000000000001' } })).to.deep.equal([
      'actor.roles',
    ]);
  });

  it('refuses a cancellation request missing any required ticket field with InvalidCommand, naming that field', () => {
    const required = ['refundReason', 'impact', 'title', 'contact', 'contact.name', 'contact.email', 'contact.phone'];
    for (const path of required) {
      const error = invalid(without(aCancellationRequest(), path));
      expect(error.code, `without ${path}`).to.equal('InvalidCommand');
      expect(error.errors.map((e) => e.path), `without ${path}`).to.deep.equal([path]);
    }
  });

  it('refuses a rejection without a reason with InvalidCommand, naming reason', () => {
    const error = invalid(without(aRejection('TKT-1'), 'reason'));
    expect(error.code).to.equal('InvalidCommand');
    expect(error.errors.map((e) => e.path)).to.deep.equal(['reason']);
  });

  it('refuses a command of every type whose actor has no userId with InvalidCommand, naming actor.userId', () => {
    for (const command of valid) {
      const error = invalid(without(command, 'actor.userId'));
      expect(error.code, command.type).to.equal('InvalidCommand');
      expect(error.errors.map((e) => e.path), command.type).to.deep.equal(['actor.userId']);
    }
  });

  it('never echoes a long input value in full', () => {
    const long = 'K'.repeat(500);
    const error = invalid({ ...aGetKey(), subscriptionId: long });
    expect(error.message).to.not.include(long);
    expect(error.errors[0]?.found).to.equal('a string of 500 characters');
  });

  it('runs nothing else on invalid input: a forbidden actor with a bad field gets InvalidCommand', () => {
    given().when({ ...aPurchase(), actor: { userId: 'u', tenantId: 'nope', roles: [] } }).thenFails('InvalidCommand');
  });
});
