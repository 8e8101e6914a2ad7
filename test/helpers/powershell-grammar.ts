import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

/**
 * A parser for PowerShell's real grammar (tree-sitter-powershell, as WebAssembly): no PowerShell runs on
 * these machines. V8 recompiles a large WebAssembly module in the background for speed, and the process
 * then waits tens of seconds at exit for that work on a busy machine; the baseline compiler alone parses
 * the scripts the tests read in milliseconds, so it is the only one used.
 */
export async function powershellParser(): Promise<Parser> {
  v8.setFlagsFromString('--liftoff-only');
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
  return parser;
}
