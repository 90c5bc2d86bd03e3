import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { filesUnder } from './imported-packages.js';

/** Whether `node` starts a function body, where an `await` no longer waits at the top level. */
function isFunctionScope(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
}

/** The lines (1-based) of a module's top-level `await`s: `await x`, `for await`, `await using`. */
export function topLevelAwaitLines(text: string, fileName = 'module.js'): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const lines: number[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (isFunctionScope(node)) return;
    const awaitUsing = ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined) || awaitUsing) lines.push(lineOf(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/**
 * Every top-level `await` in a package's JavaScript, as `file:line`. Node.js refuses to
 * `require()` an ES module graph that holds one (ERR_REQUIRE_ASYNC_MODULE), and CommonJS
 * programs load these packages with `require()`. Reads `files` (relative to `dir`), by default
 * every file under it.
 */
export function topLevelAwaits(dir: string, files: readonly string[] = filesUnder(dir)): string[] {
  return files
    .filter((path) => /\.(m)?js$/.test(path))
    .flatMap((path) => topLevelAwaitLines(readFileSync(join(dir, path), 'utf8'), path).map((line) => `${path}:${line}`));
}
