// Run first by `npm test`: the HTML export's rendering test needs Debian's chromium. When it is
// missing and apt-get is usable this installs it, and otherwise fails in one line saying what
// to install. CHROMIUM_PATH names another browser binary, as for the test itself.
import { DEBIAN_CHROMIUM, ensureChromium } from './chromium/ensure-chromium.js';

const named = process.env['CHROMIUM_PATH'];
const outcome = ensureChromium({
  path: named ?? DEBIAN_CHROMIUM,
  explicit: named !== undefined,
  environment: process.env,
  root: process.getuid?.() === 0,
  say: (line) => process.stdout.write(`npm test: ${line}\n`),
});
if (!outcome.ok) {
  process.stderr.write(`npm test: ${outcome.problem}\n`);
  process.exitCode = 1;
}
