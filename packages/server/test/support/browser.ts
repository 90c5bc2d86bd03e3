import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, HEADLESS_CHROMIUM_FLAGS, requireChromium } from '../../../../scripts/chromium/headless-chromium.js';

export { CHROMIUM, requireChromium };

/** Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh profile and the clipboard allowed. */
export async function launchChromium(): Promise<BrowserContext> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'csp-portal-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The fresh profile is the user data dir: playwright passes it as --user-data-dir itself.
    args: [...HEADLESS_CHROMIUM_FLAGS],
    viewport: { width: 1400, height: 1000 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}
