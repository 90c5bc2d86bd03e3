import type { EngineOptions } from './engine.js';
import { optionKeys } from './options/option-keys.js';
import type { OptionsShape } from './options/unknown-options.js';

/** The keys `createEngine` takes, for {@link checkOptions}: the compiler keeps the list equal to {@link EngineOptions}. */
export const ENGINE_OPTIONS: OptionsShape = {
  name: "createEngine's options",
  keys: optionKeys<EngineOptions>({
    store: true,
    clock: true,
    keyProvider: true,
    linkProvider: true,
    keyEncryptionKey: true,
    previousKeyEncryptionKeys: true,
    vault: true,
    environment: true,
    persistProjections: true,
    projectionSaveEvery: true,
    streamCacheSize: true,
    maxRetries: true,
    telemetry: true,
  }),
};
