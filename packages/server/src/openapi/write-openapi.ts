#!/usr/bin/env node
// Writes the OpenAPI document to docs/openapi.json (or the path given): `npm run openapi`.
import { writeFileSync } from 'node:fs';
import { OPENAPI_FILE, openApiText } from './openapi-text.js';

const path = process.argv[2] ?? OPENAPI_FILE;
writeFileSync(path, openApiText());
process.stdout.write(`wrote ${path}\n`);
