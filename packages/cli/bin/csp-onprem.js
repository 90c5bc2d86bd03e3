#!/usr/bin/env node
// The csp-onprem command. This file is committed rather than built, so that npm links the
// command whenever the package is installed: in a fresh clone `npm ci` runs before
// `npm run build`, and npm does not link a bin whose file does not exist yet. It only loads
// the built program, and says so in one line when that has not been built.
import { fileURLToPath } from 'node:url';

const program = new URL('../dist/bin.js', import.meta.url);

import(program.href).catch((cause) => {
  const missing = cause?.code === 'ERR_MODULE_NOT_FOUND' && String(cause.message).includes(fileURLToPath(program));
  if (!missing) throw cause;
  process.stderr.write(`csp-onprem: ${fileURLToPath(program)} does not exist: build the CLI first (npm run build at the repository's root)\n`);
  process.exitCode = 1;
});
