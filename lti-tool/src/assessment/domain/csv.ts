/**
 * CSV as French spreadsheets read it: `;` between cells, CRLF between rows, UTF-8 with a
 * byte-order mark (so Excel does not read it as Windows-1252), cells quoted when needed,
 * and formula injection neutralised (a cell starting with = + - @ or a control character
 * that is not a number gets a leading apostrophe).
 */
export const CSV_BOM = '\ufeff';

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'O' : 'N') : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+([.,]\d+)?$/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(';')}\r\n`;
}
