import type { Tracer } from '@opentelemetry/api';
import type { EventStore } from '../store/event-store.js';
import { inSpan } from './active-span.js';
import { outcomeOf } from './outcome.js';
import { AttributeNames, SpanNames } from './telemetry-names.js';

/**
 * Wraps a store so that each append, stream read and page of the global order is a span
 * (children of the command or pass that made them), named by the store's redacted `name`.
 * Wrap a guarded store, so that a store that throws shows as `StoreUnavailable` here too.
 */
export function tracedStore(store: EventStore, tracer: Tracer): EventStore {
  const storeName = store.name;
  return {
    name: storeName,
    ...(store.projections === undefined ? {} : { projections: store.projections }),
    ...(store.savedReadModels === undefined ? {} : { savedReadModels: store.savedReadModels }),
    ...(store.dataKeys === undefined ? {} : { dataKeys: store.dataKeys }),
    ...(store.ephemeral === undefined ? {} : { ephemeral: store.ephemeral }),
    readStream: (streamId) =>
      inSpan(
        tracer,
        SpanNames.readStream,
        () => ({ [AttributeNames.storeName]: storeName, [AttributeNames.streamId]: streamId }),
        () => store.readStream(streamId),
        (span, read) => {
          if (read._tag === 'Right') span.setAttribute(AttributeNames.events, read.right.length);
          return outcomeOf(read);
        },
        'leaf',
      ),
    appendToStream: (streamId, expectedVersion, events) =>
      inSpan(
        tracer,
        SpanNames.append,
        () => ({
          [AttributeNames.storeName]: storeName,
          [AttributeNames.streamId]: streamId,
          [AttributeNames.expectedVersion]: expectedVersion,
          [AttributeNames.events]: events.length,
        }),
        () => store.appendToStream(streamId, expectedVersion, events),
        (_span, appended) => outcomeOf(appended),
        'leaf',
      ),
    readAll: (options) =>
      inSpan(
        tracer,
        SpanNames.readAll,
        () => ({ [AttributeNames.storeName]: storeName, [AttributeNames.after]: options.after, [AttributeNames.limit]: options.limit }),
        () => store.readAll(options),
        (span, page) => {
          if (page._tag === 'Right') span.setAttribute(AttributeNames.events, page.right.length);
          return outcomeOf(page);
        },
        'leaf',
      ),
    close: () => store.close(),
  };
}
