export { workload, workloadStats, catalogOf, WORKLOAD_START, type WorkloadSpec, type WorkloadStats } from './workload/workload.js';
export type { WorkItem, Expectation } from './workload/work-item.js';
export { parseOptions, USAGE, type BenchOptions } from './options.js';
export { planRun, type Plan } from './plan.js';
export { runChild, type ChildOutcome } from './run-child.js';
export type { MeasureKind, MeasureResult, MeasureSpec } from './measures/measure-spec.js';
export { buildRows, TARGETS, type Row } from './report/rows.js';
export { consistencyProblems } from './report/consistency.js';
export { renderTable } from './report/table.js';
