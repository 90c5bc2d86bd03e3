import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, HEADLESS_CHROMIUM_FLAGS, requireChromium } from '../../../../scripts/chromium/headless-chromium.js';

export { CHROMIUM, requireChromium };

function headless(args: readonly string[], page: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'csp-onprem-chromium-'));
  const flags = [
    ...HEADLESS_CHROMIUM_FLAGS,
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
