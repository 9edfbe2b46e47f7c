/**
 * CSV as RFC 4180 writes it, for a spreadsheet to open: a cell with a quote, a comma or a line break is
 * quoted (its quotes doubled), and text a spreadsheet would run as a formula (= + - @, or a tab or carriage
 * return before one) gets a leading apostrophe, so an exported name can never become a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Numbers are the exporter's own (scores, counts): never formulas, and -3 must stay a number.
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One CSV line, with its CRLF. */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
