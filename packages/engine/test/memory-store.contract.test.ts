import { inMemoryStore } from '@csp-onprem/engine';
import { describeEventStoreContract } from '@csp-onprem/testing';

describeEventStoreContract('the in-memory store', async () => inMemoryStore(), { projectionState: true });
