import { existsSync } from 'node:fs';
import { DEBIAN_CHROMIUM } from './ensure-chromium.js';

/** The browser the tests run: Debian's `chromium`, or the binary CHROMIUM_PATH names. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? DEBIAN_CHROMIUM;

/** The flags every headless run of Chromium gets here: no sandbox, GPU, network chatter or updates. */
export const HEADLESS_CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails in one line saying how to install the browser when it is missing (`npm test` and CI install it). */
export function requireChromium(path: string = CHROMIUM): void {
  if (!existsSync(path)) throw new Error(`the browser tests need Chromium at ${path}: apt-get install chromium (npm test installs it where it may), or set CHROMIUM_PATH`);
}
