// A report table as CSV that Excel opens right: UTF-8 with a byte-order mark
// (else Excel reads Chinese as mojibake), CRLF line ends, and text cells
// that a spreadsheet would take for a formula (starting with = + - @, a tab
// or a carriage return) prefixed with an apostrophe, as OWASP advises
// against CSV injection: an agent's name must never run as a formula on the
// payroll clerk's machine. Numbers are written as they are.
import type { Cell, ReportTable } from './report-tables';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a neutralised, quoted-when-needed text or a plain number. */
export function csvCell(cell: Cell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
	return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const lines = (table: ReportTable): string[] =>
	[table.columns.map((c) => csvCell(c.header)), ...table.rows.map((row) => row.map(csvCell))].map((cells) =>
		cells.join(',')
	);

/** The whole table, header first, as the text of a .csv file (BOM included). */
export function toCsv(table: ReportTable): string {
	return toCsvSections([table]);
}

/** Several tables in one file, each with its header, an empty line between (a paper form's blocks). */
export function toCsvSections(tables: readonly ReportTable[]): string {
	return BOM + tables.map((t) => lines(t).join('\r\n')).join('\r\n\r\n') + '\r\n';
}
