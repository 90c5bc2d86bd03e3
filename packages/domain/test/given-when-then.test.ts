import { AssertionError, expect } from 'chai';
import { DAY_MS } from '@csp-onprem/domain';
import { aDownload, aGetKey, aPurchase, aPurchased, aVariant, DEFAULT_INSTANT, given } from '@csp-onprem/testing';

function failureOf(assertion: () => unknown): string {
  try {
    assertion();
  } catch (error) {
    expect(error).to.be.instanceOf(AssertionError);
    return (error as Error).message;
  }
  return expect.fail('expected the assertion to fail');
}

describe('the given/when/then helpers', () => {
  it('fold the given events into the state the command is decided against', () => {
    const { state } = given(aPurchased());
    expect(state.version).to.equal(1);
    expect(state.purchase?.purchasedAt).to.equal(DEFAULT_INSTANT.toISOString());
  });

  it('take the instant of a given event from occurredAt, as a Date or a string', () => {
    const at = new Date(DEFAULT_INSTANT.getTime() + DAY_MS);
    expect(given({ ...aPurchased(), occurredAt: at }).state.purchase?.purchasedAt).to.equal(at.toISOString());
    expect(given({ ...aPurchased(), occurredAt: at.toISOString() }).state.purchase?.purchasedAt).to.equal(at.toISOString());
  });

  it('explain an unexpected failure when events were expected', () => {
    const message = failureOf(() => given().when(aDownload()).thenEmits({ type: 'Downloaded', data: { variant: aVariant } }));
    expect(message).to.include('expected the command to emit [Downloaded]').and.to.include('UnknownPurchase');
  });

  it('explain unexpected events when a failure was expected', () => {
    const message = failureOf(() => given(aPurchased()).when(aDownload()).thenFails('Forbidden'));
    expect(message).to.include('expected the command to fail with Forbidden, but it emitted [Downloaded]');
  });

  it('explain an unexpected need', () => {
    const message = failureOf(() => given(aPurchased()).when(aGetKey()).thenFails('VariantNotOffered'));
    expect(message).to.include('it asked for productKey');
  });

  it('fail when the events differ from those expected', () => {
    const message = failureOf(() =>
      given(aPurchased()).when(aDownload()).thenEmits({ type: 'Downloaded', data: { variant: { ...aVariant, version: '2016' } } }),
    );
    expect(message).to.include('emitted events');
  });

  it('decode untrusted input first, so a malformed command gives InvalidCommand', () => {
    const error = given().when({ ...aPurchase(), quantity: '2' }).thenFails('InvalidCommand');
    expect(error.message).to.include('quantity');
  });
});
