/**
 * The command line of a fixture generator: `OUT [--<count> N] [--seed S]`, where `count` names
 * how many things to generate (tenants, files) and must be at least 1.
 */
export function parseGeneratorArguments(argv, { count, defaults, usage }) {
  const options = { ...defaults };
  let out;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${count}` || arg === "--seed") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < (arg === "--seed" ? 0 : 1) || value > 0xffffffff) {
        throw new Error(`${arg} needs a whole number`);
      }
      options[arg.slice(2)] = value;
    } else if (!arg.startsWith("-") && out === undefined) {
      out = arg;
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  if (out === undefined) throw new Error(`usage: ${usage}`);
  return { out, options };
}
