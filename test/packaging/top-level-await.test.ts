import { expect } from 'chai';
import { listedFiles } from '../../scripts/packages/imported-packages.js';
import { topLevelAwaitLines, topLevelAwaits } from '../../scripts/packages/top-level-await.js';
import { publicPackages } from '../../scripts/packages/public-packages.js';

describe('the top-level await check', () => {
  it('finds an await, a for await and an await using outside any function, by line', () => {
    const text = ["import x from 'x';", 'const a = await x();', 'for await (const b of x()) {}', 'if (a) { await using c = x(); }', 'export {};'].join('\n');
    expect(topLevelAwaitLines(text)).to.deep.equal([2, 3, 4]);
  });

  it('leaves alone an await inside a function, an arrow, a method or a class static block', () => {
    const text = [
      'async function f() { await 1; }',
      'const g = async () => { for await (const x of []) {} };',
      'class C { async m() { await 2; } static { (async () => { await 3; })(); } }',
      'export const h = { async n() { await 4; } };',
    ].join('\n');
    expect(topLevelAwaitLines(text)).to.deep.equal([]);
  });
});

describe("the repository's public packages", () => {
  for (const { dir, manifest } of publicPackages()) {
    it(`${manifest.name} has no top-level await, so CommonJS programs can require() it`, () => {
      expect(topLevelAwaits(dir, listedFiles(dir, manifest))).to.deep.equal([]);
    });
  }
});
