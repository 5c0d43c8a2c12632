// Analytics as CSV (RFC 4180): a header line, then one line per row, CRLF line ends; a field with a comma, a quote,
// CR or LF is quoted with its quotes doubled. Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as
// a formula (CSV/formula injection, OWASP): such text cells are prefixed with a single quote so they stay text.
// Numbers are written as numbers (a negative number is not text), null as an empty field.

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, protected against formula injection and quoted when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole document: header, rows, each line ended by CRLF. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const line = (fields: CsvValue[]) => `${fields.map(csvField).join(',')}\r\n`;
  return line(columns.map((c) => c.header)) + rows.map((row) => line(columns.map((c) => c.value(row)))).join('');
}
