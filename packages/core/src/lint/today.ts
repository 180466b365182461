const DAY_MS = 24 * 60 * 60 * 1000;
let lastDay: { day: number; date: string } | undefined;

/** Today's date (UTC) as YYYY-MM-DD, what date rules compare with: formatted once a day rather than for every file linted. */
export function todayUtc(): string {
  const day = Math.floor(Date.now() / DAY_MS);
  if (lastDay?.day !== day) lastDay = { day, date: new Date(day * DAY_MS).toISOString().slice(0, 10) };
  return lastDay.date;
}
