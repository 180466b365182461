/** Exit codes, the ESLint/actionlint convention. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 3,
} as const;
