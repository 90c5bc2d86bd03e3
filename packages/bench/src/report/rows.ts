import type { MeasureResult } from '../measures/measure-spec.js';
import type { ChildOutcome } from '../run-child.js';
import { describeMix } from '../http/http-mix.js';
import { compact, mb, ms, rate, ratio } from './format.js';

/** Whether a figure meets its target; `—` when it has none, `CRASH` when a measure failed. */
export type Verdict = 'PASS' | 'MISS' | '—' | 'CRASH' | 'FAIL';

/** One line of the table. */
export interface Row {
  readonly measure: string;
  readonly ours: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly verdict: Verdict;
  readonly rss: string;
}

/** The targets of issue 5 (2 cores). */
export const TARGETS = {
  memoryCommandsPerSecond: 50_000,
  linearity: 0.8,
  sqliteCommandsPerSecond: 5_000,
  postgresCommandsPerSecond4: 1_500,
  replayEventsPerSecond: 250_000,
  replayShareOfBaseline: 0.5,
  peakRssMb: 400,
  timesEmmett: 10,
} as const;

type Outcomes = ReadonlyMap<string, ChildOutcome>;

function result(outcomes: Outcomes, id: string): MeasureResult | undefined {
  const outcome = outcomes.get(id);
  return outcome?.ok === true ? outcome.result : undefined;
}

function crashed(outcomes: Outcomes, ...ids: string[]): boolean {
  return ids.some((id) => outcomes.get(id)?.ok === false);
}

function verdict(pass: boolean | undefined, outcomes: Outcomes, ...ids: string[]): Verdict {
  if (crashed(outcomes, ...ids)) return 'CRASH';
  if (pass === undefined) return '—';
  return pass ? 'PASS' : 'MISS';
}

function rssPair(a: MeasureResult | undefined, b: MeasureResult | undefined): string {
  return `${mb(a?.peakRssMb)} / ${mb(b?.peakRssMb)}`;
}

const storeNames = { memory: 'memory', sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** Builds the table's rows from the measures that ran; rows of stores not run are left out. */
export function buildRows(
  outcomes: Outcomes,
  sizes: { small: number; full: number; pgCommands: number; sqliteCommands: number; inFlight: number; heapMb: number; telemetry?: number },
): Row[] {
  const rows: Row[] = [];
  const has = (id: string): boolean => outcomes.has(id);
  const r = (id: string): MeasureResult | undefined => result(outcomes, id);

  if (has('commands:memory')) {
    const small = r('commands:memory:small');
    const emmett = r('emmett:memory:small');
    const times = small && emmett ? small.perSecond / emmett.perSecond : undefined;
    rows.push({
      measure: `commands, memory, ${compact(sizes.small)} events`,
      ours: rate(small?.perSecond, 'cmd'),
      baseline: `Emmett ${rate(emmett?.perSecond, 'cmd')}`,
      ratio: ratio(times),
      target: `≥ ${TARGETS.timesEmmett}× Emmett`,
      verdict: verdict(times === undefined ? undefined : times >= TARGETS.timesEmmett, outcomes, 'commands:memory:small', 'emmett:memory:small'),
      rss: rssPair(small, emmett),
    });
    const full = r('commands:memory');
    const base = r('commands-baseline:memory');
    rows.push({
      measure: `commands, memory, ${compact(sizes.full)} events`,
      ours: rate(full?.perSecond, 'cmd'),
      baseline: `append ${rate(base?.perSecond, 'cmd')}`,
      ratio: ratio(full && base ? full.perSecond / base.perSecond : undefined),
      target: `≥ ${compact(TARGETS.memoryCommandsPerSecond)} cmd/s`,
      verdict: verdict(full === undefined ? undefined : full.perSecond >= TARGETS.memoryCommandsPerSecond, outcomes, 'commands:memory', 'commands-baseline:memory'),
      rss: rssPair(full, base),
    });
    const linear = full && small ? full.perSecond / small.perSecond : undefined;
    rows.push({
      measure: `linearity, memory (${compact(sizes.full)} ÷ ${compact(sizes.small)} events)`,
      ours: ratio(linear),
      baseline: '—',
      ratio: '—',
      target: `≥ ${TARGETS.linearity}×`,
      verdict: verdict(linear === undefined ? undefined : linear >= TARGETS.linearity, outcomes, 'commands:memory', 'commands:memory:small'),
      rss: '—',
    });
  }

  if (has('telemetry:memory')) {
    const traced = r('telemetry:memory');
    const without = traced?.details['withoutSdkPerSecond'];
    const plain = typeof without === 'number' ? without : undefined;
    rows.push({
      measure: `commands with an OpenTelemetry SDK, memory, ${compact(sizes.telemetry ?? Number.NaN)} events`,
      ours: rate(traced?.perSecond, 'cmd'),
      baseline: `no SDK ${rate(plain, 'cmd')}`,
      ratio: ratio(traced && plain ? traced.perSecond / plain : undefined),
      target: '—',
      verdict: verdict(undefined, outcomes, 'telemetry:memory'),
      rss: mb(traced?.peakRssMb),
    });
  }

  const commandRow = (id: string, label: string, target: number | undefined): void => {
    if (!has(id)) return;
    const ours = r(id);
    const base = r(id.replace('commands:', 'commands-baseline:'));
    rows.push({
      measure: label,
      ours: rate(ours?.perSecond, 'cmd'),
      baseline: `append ${rate(base?.perSecond, 'cmd')}`,
      ratio: ratio(ours && base ? ours.perSecond / base.perSecond : undefined),
      target: target === undefined ? '—' : `≥ ${compact(target)} cmd/s`,
      verdict: verdict(target === undefined || ours === undefined ? undefined : ours.perSecond >= target, outcomes, id, id.replace('commands:', 'commands-baseline:')),
      rss: rssPair(ours, base),
    });
  };
  commandRow('commands:sqlite:1', `commands, SQLite, 1 client (first ${compact(sizes.sqliteCommands)} commands)`, undefined);
  commandRow('commands:sqlite:concurrent', `commands, SQLite, ${sizes.inFlight} requests in flight on one engine`, TARGETS.sqliteCommandsPerSecond);
  const prefix = `first ${compact(sizes.pgCommands)} commands`;
  commandRow('commands:postgres:1', `commands, PostgreSQL, 1 client (${prefix})`, undefined);
  commandRow('commands:postgres:4', `commands, PostgreSQL, 4 clients (${prefix})`, TARGETS.postgresCommandsPerSecond4);

  for (const store of ['sqlite', 'postgres'] as const) {
    const id = `replay:${store}`;
    if (!has(id)) continue;
    const ours = r(id);
    const base = r(`replay-baseline:${store}`);
    const share = ours && base ? ours.perSecond / base.perSecond : undefined;
    rows.push({
      measure: `replay, ${storeNames[store]} (verify + decode + all read models)`,
      ours: rate(ours?.perSecond, 'ev'),
      baseline: `parse+fold ${rate(base?.perSecond, 'ev')}`,
      ratio: ratio(share),
      target: `≥ ${compact(TARGETS.replayEventsPerSecond)} ev/s, ≥ ${TARGETS.replayShareOfBaseline}×`,
      verdict: verdict(
        ours === undefined || share === undefined ? undefined : ours.perSecond >= TARGETS.replayEventsPerSecond && share >= TARGETS.replayShareOfBaseline,
        outcomes,
        id,
        `replay-baseline:${store}`,
      ),
      rss: rssPair(ours, base),
    });
  }
  for (const store of ['sqlite', 'postgres'] as const) {
    const id = `verify:${store}`;
    if (!has(id)) continue;
    const ours = r(id);
    const base = r(`verify-baseline:${store}`);
    rows.push({
      measure: `verify, ${storeNames[store]}`,
      ours: rate(ours?.perSecond, 'ev'),
      baseline: `parse+sha256 ${rate(base?.perSecond, 'ev')}`,
      ratio: ratio(ours && base ? ours.perSecond / base.perSecond : undefined),
      target: '—',
      verdict: verdict(undefined, outcomes, id, `verify-baseline:${store}`),
      rss: rssPair(ours, base),
    });
  }
  for (const store of ['sqlite', 'postgres'] as const) {
    const id = `queries:${store}`;
    if (!has(id)) continue;
    const q = r(id);
    const list = q?.latency?.['softwareList'];
    const refund = q?.latency?.['refundEligibility'];
    const raw = q?.latency?.['readStream'];
    const pair = (l: { p50: number; p99: number } | undefined): string => (l === undefined ? '—' : `${ms(l.p50)} / ${ms(l.p99)}`);
    rows.push({
      measure: `softwareList p50 / p99, ${storeNames[store]}`,
      ours: pair(list),
      baseline: '—',
      ratio: '—',
      target: '—',
      verdict: verdict(undefined, outcomes, id),
      rss: mb(q?.peakRssMb),
    });
    rows.push({
      measure: `refundEligibility p50 / p99, ${storeNames[store]}`,
      ours: pair(refund),
      baseline: `readStream ${pair(raw)}`,
      ratio: ratio(refund && raw ? refund.p50 / raw.p50 : undefined),
      target: '—',
      verdict: verdict(undefined, outcomes, id),
      rss: mb(q?.peakRssMb),
    });
  }

  if (has('getkey:sqlite:store-vault')) {
    const ours = r('getkey:sqlite:store-vault');
    const base = r('getkey:sqlite:in-process-vault');
    rows.push({
      measure: 'GetKey views, SQLite, durable vault (its data-key row read per view; the unwrapped key cached)',
      ours: rate(ours?.perSecond, 'cmd'),
      baseline: `in-process vault ${rate(base?.perSecond, 'cmd')}`,
      ratio: ratio(ours && base ? ours.perSecond / base.perSecond : undefined),
      target: '—',
      verdict: verdict(undefined, outcomes, 'getkey:sqlite:store-vault', 'getkey:sqlite:in-process-vault'),
      rss: rssPair(ours, base),
    });
  }

  for (const mix of ['getkey', 'list'] as const) {
    const overHttp = `mix:${mix}:http`;
    const direct = `mix:${mix}:engine`;
    if (!has(overHttp)) continue;
    const http = r(overHttp);
    const engine = r(direct);
    const figures = (m: MeasureResult | undefined, unit: string): string => {
      const all = m?.latency?.['all'];
      const commands = m?.details['commandsPerSecond'];
      return m === undefined || all === undefined ? '—' : `${rate(m.perSecond, unit)} (${rate(typeof commands === 'number' ? commands : undefined, 'cmd')}), p50 ${ms(all.p50)}, p99 ${ms(all.p99)}`;
    };
    rows.push({
      measure: `HTTP, SQLite, ${mix === 'getkey' ? 'GetKey' : 'list'}-heavy mix (${describeMix(mix)}), ${sizes.inFlight} in flight`,
      ours: figures(http, 'req'),
      baseline: `engine ${figures(engine, 'op')}`,
      ratio: ratio(http && engine ? http.perSecond / engine.perSecond : undefined),
      target: '—',
      verdict: verdict(undefined, outcomes, overHttp, direct),
      rss: rssPair(http, engine),
    });
  }

  const durable = [...outcomes.entries()].filter(([id, o]) => o.ok && !id.includes(':memory'));
  if (durable.length > 0) {
    let worst: [string, number] = ['', 0];
    for (const [id, o] of durable) if (o.ok && o.result.peakRssMb > worst[1]) worst = [id, o.result.peakRssMb];
    rows.push({
      measure: `peak RSS, largest durable-store measure (heap limit ${sizes.heapMb} MB)`,
      ours: `${mb(worst[1])} (${worst[0]})`,
      baseline: '—',
      ratio: '—',
      target: `≤ ${TARGETS.peakRssMb} MB`,
      verdict: worst[1] <= TARGETS.peakRssMb ? 'PASS' : 'MISS',
      rss: '—',
    });
  }
  return rows;
}
