// Vitest global setup: every test's temporary files go below one folder made for the run (TMPDIR
// is read by os.tmpdir() and inherited by the workers and the processes tests start), removed
// when the run ends, so that no run leaves generated files, certificates or fake secrets behind.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const folder = mkdtempSync(join(tmpdir(), "smtpcfg-test-run-"));
  process.env.TMPDIR = folder;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true });
  };
}
