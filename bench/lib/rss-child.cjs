// Fallback peak-RSS probe for machines without GNU time: runs `-e CODE` or `SCRIPT ARGS…` in this
// very process and, on exit, writes process.resourceUsage().maxRSS (kilobytes) to $BENCH_RSS_OUT.
// The figure includes this wrapper, a few kilobytes over what the command alone would use.
"use strict";
const { writeFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { runInThisContext } = require("node:vm");

const out = process.env.BENCH_RSS_OUT;
if (!out) {
  process.stderr.write("rss-child: BENCH_RSS_OUT is not set\n");
  process.exit(2);
}
process.on("exit", () => {
  writeFileSync(out, `${process.resourceUsage().maxRSS}\n`);
});

const [first, ...rest] = process.argv.slice(2);
if (first === "-e") {
  runInThisContext(rest[0] ?? "");
} else {
  const script = resolve(first);
  // The script sees the argv it would have had when started directly: [node, script, ...args].
  process.argv = [process.argv[0], script, ...rest];
  require(script);
}
