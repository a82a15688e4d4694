// CSV for the export's metadata.csv: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote,
// CR or LF, quotes doubled) and safe to open in a spreadsheet: a text cell that starts with = + - @ (or a
// tab/CR, which some spreadsheet apps strip before evaluating) is prefixed with ' so it is never a formula.
export type CsvValue = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
