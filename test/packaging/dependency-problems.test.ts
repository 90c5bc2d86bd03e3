import { expect } from 'chai';
import { dependencyProblems, typesPackageOf } from '../../scripts/packages/dependency-problems.js';
import { listedFiles, packageOf } from '../../scripts/packages/imported-packages.js';
import { publicPackages, readManifest } from '../../scripts/packages/public-packages.js';
import { fileTree, type FileTree } from './package-fixture.js';

const MANIFEST = { name: '@example/store', version: '1.0.0', type: 'module', types: './dist/index.d.ts', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } };

describe('the dependency check of a package', () => {
  let tree: FileTree;
  beforeEach(() => {
    tree = fileTree();
    // What the packages resolve to: one that ships types, one that does not.
    tree.write({
      'node_modules/typed/package.json': { name: 'typed', version: '1.0.0', types: 'index.d.ts' },
      'node_modules/untyped/package.json': { name: 'untyped', version: '1.0.0', main: 'index.js' },
    });
  });
  afterEach(() => tree.remove());

  function problemsOf(manifest: object, files: Readonly<Record<string, string>>): string[] {
    tree.write({ 'pkg/package.json': manifest, ...Object.fromEntries(Object.entries(files).map(([path, text]) => [`pkg/${path}`, text])) });
    return dependencyProblems(`${tree.root}/pkg`, readManifest(`${tree.root}/pkg`), { resolveFrom: tree.root });
  }

  it('finds nothing wrong when every import is declared and every declared package imported', () => {
    const problems = problemsOf(
      { ...MANIFEST, dependencies: { typed: '1', untyped: '1', '@types/untyped': '1' } },
      {
        'dist/index.js': "import { a } from 'typed';\nimport b from 'untyped/sub/path.js';\nimport { readFileSync } from 'node:fs';\nimport 'fs';\nexport { a, b };\n",
        'dist/index.d.ts': "export type { A } from 'typed';\nexport type { B } from './b.js';\n",
        'dist/b.d.ts': "import type { B as Inner } from 'untyped';\nexport type B = Inner;\n",
      },
    );
    expect(problems).to.deep.equal([]);
  });

  it('names a package the JavaScript imports without declaring it, which hoisting hides inside the monorepo', () => {
    const problems = problemsOf({ ...MANIFEST, dependencies: {} }, { 'dist/index.js': "const lazily = () => import('typed');\nexport const x = require('untyped');\n", 'dist/index.d.ts': 'export {};\n' });
    expect(problems).to.deep.equal(['its JavaScript imports typed, which it does not declare as a dependency', 'its JavaScript imports untyped, which it does not declare as a dependency']);
  });

  it('names a declared dependency nothing imports, such as a store declaring the domain it never uses', () => {
    const problems = problemsOf({ ...MANIFEST, dependencies: { typed: '1', '@example/domain': '1' }, peerDependencies: { untyped: '1' } }, { 'dist/index.js': "import 'typed';\n", 'dist/index.d.ts': 'export {};\n' });
    expect(problems).to.deep.equal(['it declares @example/domain as a dependency but never imports it', 'it declares untyped as a dependency but never imports it']);
  });

  it('names a package whose types the public declarations import when it ships none and its @types package is not a dependency', () => {
    const problems = problemsOf({ ...MANIFEST, dependencies: { untyped: '1' } }, { 'dist/index.js': "import 'untyped';\n", 'dist/index.d.ts': "import type { Db } from 'untyped';\nexport declare function open(): Db;\n" });
    expect(problems).to.deep.equal(['its public types import untyped, which ships no types, and @types/untyped is not a dependency']);
  });

  it('reads only the declarations a types entry reaches: an internal one importing a dev-only package is never read by a consumer', () => {
    const problems = problemsOf(
      { ...MANIFEST, dependencies: { untyped: '1' } },
      { 'dist/index.js': "import 'untyped';\n", 'dist/index.d.ts': "export type { Level } from './level.js';\n", 'dist/level.d.ts': "export type Level = 'FULL';\n", 'dist/internal.d.ts': "import type Db from 'untyped';\nexport declare const db: Db;\n" },
    );
    expect(problems).to.deep.equal([]);
  });

  it('counts a peer that is used through its globals, as mocha is by @csp-onprem/testing', () => {
    const problems = problemsOf({ ...MANIFEST, name: '@csp-onprem/testing', peerDependencies: { mocha: '>=10' } }, { 'dist/index.js': 'describe("x", () => {});\n', 'dist/index.d.ts': 'export {};\n' });
    expect(problems).to.deep.equal([]);
  });

  it('names the package of a specifier and its DefinitelyTyped package', () => {
    expect(['fp-ts/lib/Either.js', '@kurrent/kurrentdb-client', '@scope/name/deep/file.js', './local.js', 'node:fs', 'fs', 'pg'].map(packageOf)).to.deep.equal([
      'fp-ts',
      '@kurrent/kurrentdb-client',
      '@scope/name',
      undefined,
      undefined,
      undefined,
      'pg',
    ]);
    expect([typesPackageOf('pg'), typesPackageOf('@scope/name')]).to.deep.equal(['@types/pg', '@types/scope__name']);
  });
});

describe("the repository's public packages", () => {
  for (const { dir, manifest } of publicPackages()) {
    it(`${manifest.name} declares exactly the packages the files it publishes import`, () => {
      expect(dependencyProblems(dir, manifest, { resolveFrom: dir, files: listedFiles(dir, manifest) })).to.deep.equal([]);
    });
  }
});
