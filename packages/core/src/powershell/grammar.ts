import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Language, Parser } from "web-tree-sitter";

/**
 * The WebAssembly files: next to the bundled CLI (its build copies them there), or in
 * node_modules when running from source.
 */
function wasmFile(name: string, packagePath: string): string {
  const bundled = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  return createRequire(import.meta.url).resolve(packagePath);
}

let parser: Promise<Parser> | undefined;

/**
 * The PowerShell parser, loaded on first use only: the WebAssembly runtime and grammar cost tens
 * of milliseconds, which a run that lints no `.ps1` never pays.
 */
export function powerShellParser(): Promise<Parser> {
  parser ??= (async () => {
    // V8 tiers hot WebAssembly functions up to its optimising compiler in the background, and the
    // grammar's lexer is one huge function: optimising it costs over ten seconds of CPU, which a
    // process then spends before it can exit. The baseline compiler's code parses a script just as
    // fast (faster, while the optimising one is still busy), so only it is used. The flag is
    // process-wide; it only changes how WebAssembly compiled after it is compiled.
    setFlagsFromString("--liftoff-only");
    const runtime = wasmFile("web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm");
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(wasmFile("tree-sitter-powershell.wasm", "tree-sitter-powershell/tree-sitter-powershell.wasm"));
    const created = new Parser();
    created.setLanguage(language);
    return created;
  })();
  return parser;
}
