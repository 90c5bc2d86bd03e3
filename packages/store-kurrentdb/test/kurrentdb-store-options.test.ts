import { expect } from 'chai';
import { kurrentdbStore } from '@csp-onprem/store-kurrentdb';

describe('the KurrentDB store options', () => {
  it('refuses a misspelt option at construction, naming the one it most likely meant', () => {
    expect(() => kurrentdbStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', timeoutMS: 100 } as never)).to.throw(
      RangeError,
      "kurrentdbStore's options: unknown key timeoutMS (did you mean timeoutMs?). Known keys: connectionString, streamPrefix, timeoutMs, dataKeyStreamPrefix.",
    );
  });

  it('takes every option it documents', async () => {
    await kurrentdbStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', streamPrefix: 'csp-software-', timeoutMs: 100 }).close();
  });
});
