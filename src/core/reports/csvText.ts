// RFC 4180 CSV: CRLF between records; a field is quoted when it holds a comma, a double quote, CR,
// LF or leading/trailing spaces, and a double quote inside is doubled. Nothing else is altered
// (no formula-injection prefixes: they would corrupt model output that starts with "-" or "=";
// open exports in a spreadsheet as data, not as formulas).
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
