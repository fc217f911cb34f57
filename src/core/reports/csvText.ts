// RFC 4180 CSV: CRLF between records; a field is quoted when it holds a comma, a double quote, CR,
// LF or leading/trailing spaces, and a double quote inside is doubled.
//
// Text cells are neutralised against formula injection (OWASP "CSV Injection"): a prompt, title or
// model output is untrusted, and a spreadsheet runs a cell starting with = + - @ tab or CR as a
// formula (=HYPERLINK(...) can send data away). Such a text cell gets a leading single quote, which
// spreadsheets show as text. Numbers are written as numbers and never prefixed, so a negative
// number stays a number; only cells that are text are changed, and only when they start that way.
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The text a spreadsheet will read as text, never as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(cell: CsvCell): string {
  if (cell === undefined || cell === null) return '';
  const value = typeof cell === 'string' ? neutraliseFormula(cell) : String(cell);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
