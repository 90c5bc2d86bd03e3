import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian's `chromium` package puts the browser, which the HTML export's rendering test runs. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Where to look for Chromium, and how this process may run apt-get. */
export interface ChromiumSetup {
  /** The browser binary the test will run. */
  readonly path: string;
  /** Whether the user named `path` (CHROMIUM_PATH): then it is never installed, only looked for. */
  readonly explicit: boolean;
  /** The environment apt-get and sudo are looked up and run in (its PATH). */
  readonly environment: NodeJS.ProcessEnv;
  /** Whether this process runs as root, and may run apt-get itself. */
  readonly root: boolean;
  /** Tells the user what is being done. */
  readonly say: (line: string) => void;
}

/** Chromium is there (installed now, or already), or one line saying what to install. */
export type ChromiumOutcome = { readonly ok: true; readonly installed: boolean } | { readonly ok: false; readonly problem: string };

const INSTALL = "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary";

function onPath(name: string, environment: NodeJS.ProcessEnv): boolean {
  return (environment['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** How to run apt-get: itself as root, through sudo when it needs no password, or not at all. */
function aptGetCommand({ environment, root }: ChromiumSetup): readonly string[] | undefined {
  if (!onPath('apt-get', environment)) return undefined;
  if (root) return ['apt-get'];
  if (!onPath('sudo', environment)) return undefined;
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore', env: environment });
    return ['sudo', '-n', 'apt-get'];
  } catch {
    return undefined;
  }
}

/**
 * Makes sure Chromium is at `setup.path`: when it is missing and apt-get is usable (as root,
 * or through sudo without a password), installs Debian's `chromium` with it; otherwise answers
 * one line saying what to install. A path the user named is only looked for.
 */
export function ensureChromium(setup: ChromiumSetup): ChromiumOutcome {
  const { path, explicit, environment } = setup;
  if (existsSync(path)) return { ok: true, installed: false };
  if (explicit) return { ok: false, problem: `CHROMIUM_PATH is ${path}, which does not exist: ${INSTALL}` };
  const aptGet = aptGetCommand(setup);
  if (aptGet === undefined) {
    return { ok: false, problem: `the HTML export's rendering test needs Chromium at ${path}, and apt-get cannot install it here (it needs root, or sudo without a password): ${INSTALL}` };
  }
  const [command = 'apt-get', ...prefix] = aptGet;
  setup.say(`installing Debian's chromium for the HTML export's rendering test (${aptGet.join(' ')} install chromium)`);
  const options = { stdio: ['ignore', 'ignore', 'pipe'] as ('ignore' | 'pipe')[], env: { ...environment, DEBIAN_FRONTEND: 'noninteractive' } };
  try {
    execFileSync(command, [...prefix, 'update', '-qq'], options);
    execFileSync(command, [...prefix, 'install', '-y', '-qq', '--no-install-recommends', 'chromium'], options);
  } catch (cause) {
    const detail = String((cause as { stderr?: unknown }).stderr ?? '').trim().split('\n').at(-1) || (cause as Error).message.split('\n')[0];
    return { ok: false, problem: `apt-get could not install chromium (${detail}): ${INSTALL}` };
  }
  return existsSync(path) ? { ok: true, installed: true } : { ok: false, problem: `apt-get installed chromium, but not at ${path}: ${INSTALL}` };
}
