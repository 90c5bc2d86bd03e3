import { ValueType, type Meter, type ObservableResult } from '@opentelemetry/api';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import type { EventStore } from '../store/event-store.js';
import { AttributeNames, MetricNames } from './telemetry-names.js';

/**
 * The most events one observation reads to count a read model's lag: a read model further
 * behind reports this many. Caught up, an observation reads nothing.
 */
export const LAG_PROBE_LIMIT = 10_000;

/** A read model whose lag is observed, by name. */
export interface ObservedReadModel {
  readonly name: string;
  readonly runner: ProjectionRunner;
}

/** Events after `position` in a page of the global order (ascending). */
function eventsAfter(page: readonly { readonly position: number }[], position: number): number {
  let first = 0;
  while (first < page.length && (page[first]?.position ?? Infinity) <= position) first += 1;
  return page.length - first;
}

/**
 * Observes, at each metric collection, how many events of the log each read model loaded in
 * this process has not applied yet ({@link MetricNames.projectionLag}): one page of the global
 * order after the furthest-behind one, at most {@link LAG_PROBE_LIMIT} events, read from
 * `store` (pass one without spans, so that observing adds none). Answers what stops observing.
 */
export function observeProjectionLag(meter: Meter, store: EventStore, readModels: readonly ObservedReadModel[]): () => void {
  const gauge = meter.createObservableGauge(MetricNames.projectionLag, {
    description: `Events in the log a read model has not applied yet (at most ${LAG_PROBE_LIMIT} are counted)`,
    unit: '{event}',
    valueType: ValueType.INT,
  });
  const observe = async (result: ObservableResult): Promise<void> => {
    const loaded = readModels.filter((model) => model.runner.loaded);
    if (loaded.length === 0) return;
    const positions = loaded.map((model) => model.runner.position);
    const page = await store.readAll({ after: Math.min(...positions), limit: LAG_PROBE_LIMIT });
    // A store that cannot answer now gives no observation, rather than a lag of zero.
    if (page._tag === 'Left') return;
    for (const [index, model] of loaded.entries()) {
      result.observe(eventsAfter(page.right, positions[index] ?? 0), { [AttributeNames.projectionName]: model.name, [AttributeNames.storeName]: store.name });
    }
  };
  gauge.addCallback(observe);
  return () => gauge.removeCallback(observe);
}
