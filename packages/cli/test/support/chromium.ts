import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Fails with how to install the browser when it is missing: CI installs it. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`headless Chromium is needed at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (CI installs it), or set CHROMIUM_PATH`);
  }
}

function headless(args: readonly string[], page: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'csp-onprem-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--window-size=1400,1000',
    ...args,
    pathToFileURL(page).href,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, flags, { timeout: 30_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error !== null) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The page's DOM after Chromium loaded and rendered it. */
export function dumpDom(page: string): Promise<string> {
  return headless(['--dump-dom'], page);
}

/** Saves a screenshot of the page's first 1400 x 1000 pixels. */
export async function screenshot(page: string, png: string): Promise<void> {
  await headless([`--screenshot=${png}`], page);
}
