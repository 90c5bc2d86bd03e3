import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { withoutPassword } from '@csp-onprem/engine';
import type { ChildOutcome } from './run-child.js';
import { runChild } from './run-child.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { planRun } from './plan.js';
import { consistencyProblems } from './report/consistency.js';
import { buildRows, type Row } from './report/rows.js';
import { renderTable } from './report/table.js';
import { dropSchema } from './stores/store-target.js';
import { workloadStats, type WorkloadStats } from './workload/workload.js';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function machine(): Record<string, string | number> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryGb: Math.round(totalmem() / 2 ** 30),
    freeMemoryGbAtStart: Math.round(freemem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function run(options: BenchOptions): Promise<number> {
  const startedAt = new Date();
  const runId = `${startedAt.getTime().toString(36)}${process.pid.toString(36)}`;
  const workDir = mkdtempSync(join(tmpdir(), 'csp-bench-'));
  const plan = planRun(options, workDir, runId);
  const full: WorkloadStats = workloadStats({ seed: options.seed, purchases: options.purchases });
  const small: WorkloadStats = workloadStats({ seed: options.seed, purchases: Math.max(10, Math.round(options.purchases / 10)) });
  log(
    `csp-onprem bench: ${full.purchases} purchases, ${full.commands} commands, ${full.events} events, ${full.partners} partners, ` +
      `${full.customers} customers (seed ${options.seed}); ${plan.measures.length} measures, each in its own process`,
  );
  const outcomes = new Map<string, ChildOutcome>();
  try {
    for (const spec of plan.measures) {
      const started = Date.now();
      log(`  ${spec.id} ...`);
      const outcome = await runChild(spec, options.profileDir === undefined ? {} : { profileDir: resolve(options.profileDir) });
      outcomes.set(spec.id, outcome);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(outcome.ok ? `  ${spec.id}: ${outcome.result.perSecond.toFixed(0)}/s, ${outcome.result.peakRssMb.toFixed(0)} MB peak RSS (${seconds} s)` : `  ${spec.id} CRASHED: ${outcome.error}`);
    }
  } finally {
    for (const schema of plan.pgSchemas) {
      await dropSchema(options.connectionString, schema).catch((error: unknown) => log(`could not drop schema ${schema}: ${String(error)}`));
    }
    rmSync(workDir, { recursive: true, force: true });
  }

  const problems = consistencyProblems(outcomes);
  const rows: Row[] = buildRows(outcomes, { small: small.events, full: full.events, pgCommands: Math.min(options.pgCommands, full.commands), sqliteCommands: Math.min(options.sqliteCommands, full.commands), inFlight: options.inFlight, heapMb: options.heapMb, telemetry: (options.quick ? full : small).events });
  rows.push({
    measure: 'outcomes and read models agree',
    ours: problems.length === 0 ? 'yes' : `${problems.length} problems`,
    baseline: '—',
    ratio: '—',
    target: 'all',
    verdict: problems.length === 0 ? 'PASS' : 'FAIL',
    rss: '—',
  });
  const table = renderTable(rows);
  process.stdout.write(
    `\ncsp-onprem benchmarks: ${full.events.toLocaleString('en-US')} events (${full.commands.toLocaleString('en-US')} commands, ` +
      `${full.purchases.toLocaleString('en-US')} purchases), seed ${options.seed}, ${cpus().length} cores, Node ${process.version}\n\n${table}\n`,
  );
  for (const problem of problems) process.stdout.write(`  problem: ${problem}\n`);

  mkdirSync(options.outDir, { recursive: true });
  const file = join(options.outDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const results = [...outcomes.entries()].map(([id, outcome]) => (outcome.ok ? outcome.result : { id, crashed: outcome.error }));
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine: machine(), options: { ...options, connectionString: withoutPassword(options.connectionString) }, workload: { full, small }, rows, problems, results }, null, 2)}\n`,
  );
  process.stdout.write(`\nresults: ${file}\n`);
  // Targets never fail a run: only a crash or a wrong outcome does.
  return problems.length === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  process.exitCode = await run(options);
}

await main();
