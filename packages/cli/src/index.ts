export { runDemo, STORY_DAYS, type DemoOptions, type DemoResult } from './demo/run-demo.js';
export type { OutputSink } from './demo/context.js';
export type { DemoFailure } from './demo/steps.js';
export { maskProductKey } from './demo/mask-key.js';
export { openStore } from './open-store.js';
export { renderTable, type Column } from './render/table.js';
export { parseArgs, usage, type ParsedArgs } from './args.js';
