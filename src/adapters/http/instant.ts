// Which instants the API lets through to the database: those JavaScript can parse whose UTC year is 1–9999. The
// JSON Schema date-time format alone admits year 0000 and leap seconds, which PostgreSQL or `new Date` refuse.
export function isStorableInstant(text: string): boolean {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1 && year <= 9999;
}
