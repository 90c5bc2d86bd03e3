import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The flags every headless run of Debian's Chromium gets here: no sandbox, GPU, network chatter or updates. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails in one line naming the package when the browser is missing (CI installs it). */
export function requireChromium(path: string = CHROMIUM): void {
  if (!existsSync(path)) throw new Error(`the browser tests need Debian's Chromium at ${path}: apt-get install chromium (or set CHROMIUM_PATH)`);
}

/** Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh profile and the clipboard allowed. */
export async function launchChromium(): Promise<BrowserContext> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'csp-portal-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The fresh profile is the user data dir: playwright passes it as --user-data-dir itself.
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}
