/** Unix seconds as ISO 8601 UTC without fractions ("2026-11-24T00:00:00Z"), as findings, exports and the UI show them. */
export function isoTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString().replace('.000Z', 'Z');
}
