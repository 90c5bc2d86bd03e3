import { measureBaselineCommands } from './measures/commands-baseline.js';
import { measureEmmettCommands } from './measures/commands-emmett.js';
import { measureEngineCommands } from './measures/commands-engine.js';
import { measureTelemetryCommands } from './measures/commands-telemetry.js';
import type { MeasureKind, MeasureResult, MeasureSpec } from './measures/measure-spec.js';
import { measureMixThroughEngine } from './measures/mix-engine.js';
import { measureMixOverHttp } from './measures/mix-http.js';
import { measureQueries } from './measures/queries.js';
import { measureGetKeyViews } from './measures/getkey-vault.js';
import { copyToPostgres } from './measures/copy-to-postgres.js';
import { measureBaselineReplay, measureBaselineVerify } from './measures/replay-baseline.js';
import { measureEngineReplay, measureEngineVerify } from './measures/replay-engine.js';
import { SPEC_VARIABLE } from './run-child.js';

// One measure per process, so that each peak RSS belongs to one measure alone.

const measures: Record<MeasureKind, (spec: MeasureSpec) => Promise<Omit<MeasureResult, 'peakRssMb'>>> = {
  commands: measureEngineCommands,
  'commands-baseline': measureBaselineCommands,
  'commands-emmett': measureEmmettCommands,
  'commands-telemetry': measureTelemetryCommands,
  replay: measureEngineReplay,
  'replay-baseline': measureBaselineReplay,
  verify: measureEngineVerify,
  'verify-baseline': measureBaselineVerify,
  queries: measureQueries,
  'getkey-views': measureGetKeyViews,
  'copy-to-postgres': copyToPostgres,
  'mix-engine': measureMixThroughEngine,
  'mix-http': measureMixOverHttp,
};

/** The peak resident set size of this process so far, in MB. */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env[SPEC_VARIABLE] ?? '') as MeasureSpec;
  const result = await measures[spec.kind](spec);
  // A measure that checks its read model after the timed part reports the peak before it.
  const timed = result.details['timedPeakRssMb'];
  const peak = typeof timed === 'number' ? timed : peakRssMb();
  // Exit once the result is sent: a handle left open by a driver must not keep the run waiting.
  process.send?.({ ok: true, result: { ...result, peakRssMb: peak, details: { ...result.details, peakRssMbWithChecks: peakRssMb() } } }, () => process.exit(0));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send === undefined) {
    console.error(message);
    process.exit(1);
  }
  process.send({ ok: false, error: message }, () => process.exit(1));
});
