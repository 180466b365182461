import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
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
    const runtime = wasmFile("web-tree-sitter.wasm", "web-tree-sitter/web-tree-sitter.wasm");
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(wasmFile("tree-sitter-powershell.wasm", "tree-sitter-powershell/tree-sitter-powershell.wasm"));
    const created = new Parser();
    created.setLanguage(language);
    return created;
  })();
  return parser;
}
