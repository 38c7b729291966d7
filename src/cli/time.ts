/** Evaluation times on the command line: ISO 8601 or Unix seconds. */
export function parseTime(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) || s.length === 10 ? s : `${s}Z`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
