import type { DomainError } from '@csp-onprem/domain';
import type { KeyCustodyError } from './custody/key-custody-error.js';
import type { ReadModelMismatchError } from './projections/read-model-mismatch.js';
import type { StoreError } from './store/store-errors.js';

/** Any error the engine returns: a value with a stable `code` and a readable `message`. */
export type EngineError = DomainError | StoreError | KeyCustodyError | ReadModelMismatchError;
