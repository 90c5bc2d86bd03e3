import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureChromium, type ChromiumSetup } from '../../scripts/chromium/ensure-chromium.js';
import { fileTree, type FileTree } from './package-fixture.js';

describe('npm test making sure Chromium is installed', () => {
  let tree: FileTree;
  let said: string[];
  beforeEach(() => {
    tree = fileTree();
    said = [];
  });
  afterEach(() => tree.remove());

  /** A directory holding a fake apt-get that records its calls and, on install, creates the browser (or fails with `exitCode`). */
  function fakeAptGet(exitCode = 0): string {
    tree.write({
      'bin/apt-get': [
        '#!/bin/sh',
        'echo "$DEBIAN_FRONTEND $*" >> "$APT_RECORD"',
        `if [ ${exitCode} -ne 0 ]; then echo "E: Unable to locate package chromium" >&2; exit ${exitCode}; fi`,
        'if [ "$1" = install ]; then : > "$CHROMIUM_TARGET"; fi',
      ].join('\n'),
    });
    chmodSync(join(tree.root, 'bin/apt-get'), 0o755);
    return join(tree.root, 'bin');
  }

  function setup(overrides: Partial<ChromiumSetup> & { readonly path?: string }): ChromiumSetup {
    const path = overrides.path ?? join(tree.root, 'chromium');
    return {
      path,
      explicit: false,
      root: true,
      environment: { PATH: join(tree.root, 'bin'), APT_RECORD: join(tree.root, 'apt-calls'), CHROMIUM_TARGET: path },
      say: (line) => said.push(line),
      ...overrides,
    };
  }

  const calls = (): string[] => (existsSync(join(tree.root, 'apt-calls')) ? readFileSync(join(tree.root, 'apt-calls'), 'utf8').trimEnd().split('\n') : []);

  it('does nothing when Chromium is there', () => {
    fakeAptGet();
    tree.write({ chromium: '' });
    expect(ensureChromium(setup({}))).to.deep.equal({ ok: true, installed: false });
    expect(calls()).to.deep.equal([]);
  });

  it("installs Debian's chromium with apt-get, without questions, when it is missing and apt-get is usable", () => {
    fakeAptGet();
    expect(ensureChromium(setup({}))).to.deep.equal({ ok: true, installed: true });
    expect(calls()).to.deep.equal(['noninteractive update -qq', 'noninteractive install -y -qq --no-install-recommends chromium']);
    expect(said).to.deep.equal(["installing Debian's chromium for the HTML export's rendering test (apt-get install chromium)"]);
  });

  it('says in one line what to install when apt-get is not there', () => {
    const outcome = ensureChromium(setup({}));
    expect(outcome).to.deep.equal({
      ok: false,
      problem: `the HTML export's rendering test needs Chromium at ${join(tree.root, 'chromium')}, and apt-get cannot install it here (it needs root, or sudo without a password): install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary`,
    });
  });

  it('does not try apt-get without root or a sudo that needs no password', () => {
    fakeAptGet();
    const outcome = ensureChromium(setup({ root: false }));
    expect(outcome.ok).to.equal(false);
    expect(calls()).to.deep.equal([]);
  });

  it('only looks for a browser named by CHROMIUM_PATH, never installing one', () => {
    fakeAptGet();
    const path = join(tree.root, 'elsewhere/chrome');
    expect(ensureChromium(setup({ path, explicit: true }))).to.deep.equal({
      ok: false,
      problem: `CHROMIUM_PATH is ${path}, which does not exist: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary`,
    });
    expect(calls()).to.deep.equal([]);
  });

  it("says in one line that apt-get failed, with apt-get's own last line", () => {
    fakeAptGet(100);
    const outcome = ensureChromium(setup({}));
    expect(outcome).to.deep.equal({
      ok: false,
      problem: "apt-get could not install chromium (E: Unable to locate package chromium): install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary",
    });
  });
});
