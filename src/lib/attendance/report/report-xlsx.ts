// The monthly report as an .xlsx workbook: a summary sheet first, then one
// sheet per team, with bold headers frozen at the top and figures as real
// numbers (hours and money with two decimals). write-excel-file (small, on
// fflate) builds it in the browser; the page imports this module only when
// someone asks for the file, so neither the library nor this code is in any
// other page's bundle (never the wall's). Text cells are written as text,
// never as formulas, whatever they start with.
import writeXlsxFile, { type Cell as XlsxCell, type Sheet } from 'write-excel-file/universal';
import type { Cell, ReportTable, TableColumn } from './report-tables';

// Excel refuses these in sheet names, and names longer than 31 characters.
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;
const SHEET_NAME_MAX = 31;

/** A name Excel accepts for a sheet, unlike any already taken (compared case-blind). */
export function sheetName(wanted: string, taken: Set<string>): string {
	const base =
		wanted
			.replace(SHEET_NAME_FORBIDDEN, ' ')
			.replace(/^'+|'+$/g, '')
			.trim()
			.slice(0, SHEET_NAME_MAX) || 'Sheet';
	let name = base;
	for (let n = 2; taken.has(name.toLowerCase()); n++) {
		const suffix = ` (${n})`;
		name = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
	}
	taken.add(name.toLowerCase());
	return name;
}

function cell(value: Cell, column: TableColumn, bold: boolean): XlsxCell {
	if (value === null) return null;
	const weight = bold ? ({ fontWeight: 'bold' } as const) : {};
	if (typeof value === 'string') return { value, type: String, ...weight };
	const format = column.unit === 'hours' || column.unit === 'money' ? '0.00' : undefined;
	return { value, type: Number, ...(format ? { format } : {}), ...weight };
}

// Columns wide enough for their header (a Chinese character counts double) or their longest text.
function widths(table: ReportTable): { width: number }[] {
	const size = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
	return table.columns.map((c, i) => ({
		width: Math.min(40, Math.max(8, size(c.header) + 2, ...table.rows.map((r) => size(String(r[i] ?? '')) + 2)))
	}));
}

function sheet(table: ReportTable, taken: Set<string>): Sheet<Blob> {
	const header = table.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }));
	// The last row of a table is a total (unless it says otherwise): bold, like the header.
	const totalAt = table.lastRowIsTotal === false ? -1 : table.rows.length - 1;
	const rows = table.rows.map((row, r) =>
		row.map((value, i) => cell(value, table.columns[i] ?? { header: '', unit: 'text' }, r === totalAt))
	);
	return {
		sheet: sheetName(table.name, taken),
		data: [header, ...rows],
		columns: widths(table),
		stickyRowsCount: 1
	};
}

/** The workbook: the summary, then each team's sheet (any tables: the first, then the rest). */
export async function toXlsx(summary: ReportTable, teams: readonly ReportTable[]): Promise<Blob> {
	const taken = new Set<string>();
	return writeXlsxFile([sheet(summary, taken), ...teams.map((t) => sheet(t, taken))]).toBlob();
}
