import { createEngine, type Engine, type EngineOptions } from '@csp-onprem/engine';
import type { LogPlace, Place } from './places.js';
import { telemetryRecorder, useAsyncContext, type TelemetryRecorder } from './recorder.js';

/** What each test of a telemetry suite works with: its own log, recorder and engines. */
export interface TelemetryFixture {
  /** The test's log. */
  readonly log: LogPlace;
  /** The SDK recorder every engine of the test reports to, unless told otherwise. */
  readonly recorder: TelemetryRecorder;
  /** An engine over the test's log reporting to its recorder, closed after the test; `options` replace the defaults. */
  newEngine(options?: Partial<EngineOptions>): Engine;
}

/**
 * Registers, in the enclosing suite, the hooks that give each test a fresh log on `place`, a
 * fresh recorder and an async context, and that close every engine, the recorder and the log
 * after it.
 */
export function useTelemetryFixture(place: Place): TelemetryFixture {
  useAsyncContext();
  let log: LogPlace | undefined;
  let recorder: TelemetryRecorder | undefined;
  let engines: Engine[] = [];

  const current = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the telemetry fixture is used outside a test');
    return value;
  };

  beforeEach(async () => {
    log = await place.make();
    recorder = telemetryRecorder();
    engines = [];
  });

  afterEach(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await current(recorder).shutdown();
    await current(log).remove();
  });

  return {
    get log() {
      return current(log);
    },
    get recorder() {
      return current(recorder);
    },
    newEngine(options = {}) {
      const place = current(log);
      const engine = createEngine({ store: place.open(), telemetry: current(recorder).telemetry, ...place.engineOptions, ...options });
      engines.push(engine);
      return engine;
    },
  };
}
