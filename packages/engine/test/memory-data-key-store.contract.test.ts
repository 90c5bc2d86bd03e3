import { inMemoryDataKeyStore } from '@csp-onprem/engine';
import { describeDataKeyStoreContract } from '@csp-onprem/testing';

describe('the in-memory data key store against the DataKeyStore contract', () => {
  describeDataKeyStoreContract('in memory (a new store per test)', async () => ({ dataKeys: inMemoryDataKeyStore(), close: async () => undefined }));
});
