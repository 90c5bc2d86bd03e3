// Runs every other example in this folder as a child process, one after the other, and exits
// non-zero if any of them fails or hangs, so that CI catches examples that no longer work.
// Run after `npm run build` (or use `npm run examples`, which builds first).
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const TIMEOUT_MS = 60_000;

/** Runs one example; resolves with its exit code (or a description of how it died). */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, file)], { cwd: dirname(here), stdio: 'inherit' });
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`could not start: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal !== null ? `killed by ${signal}` : code);
    });
  });
}

const examples = (await readdir(here)).filter((file) => file.endsWith('.mjs') && file !== self).sort();
if (examples.length === 0) {
  console.error(`no examples found in ${here}`);
  process.exit(1);
}

const failures = [];
for (const file of examples) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const outcome = await run(file);
  const took = `${Date.now() - started} ms`;
  if (outcome === 0) {
    console.log(`--- ${file}: ok (${took})`);
  } else {
    console.log(`--- ${file}: FAILED, ${typeof outcome === 'number' ? `exit code ${outcome}` : outcome} (${took})`);
    failures.push(file);
  }
}

console.log(`\n${examples.length - failures.length} of ${examples.length} examples ran cleanly`);
if (failures.length > 0) {
  console.error(`failed: ${failures.join(', ')}`);
  process.exit(1);
}
