// A CSAT survey export (CSV, or the first sheet of an XLSX) as the rows
// public.import_csat takes: {line, call_id, score, rated_at?}. The file is
// read with the punch import's readers (encoding, quoting, spreadsheets); the
// columns are found by their header, else taken in the order call id, score,
// time. Values are passed on as written: the database judges every line and
// answers by line number, so this only finds the columns.
import { splitCsv, type SourceRow } from '$lib/attendance/import/csv';
import { decodeText } from '$lib/attendance/import/decode';
import { readXlsxRows } from '$lib/attendance/import/xlsx';

/** public.import_csat takes at most this many rows in one call. */
export const CSAT_MAX_ROWS = 5000;

export interface CsatRow {
	/** The line (CSV) or row (XLSX) number the person sees in the file. */
	line: number;
	call_id: string;
	score: string;
	rated_at?: string;
}

export interface CsatFile {
	/** Whether the first row named the columns (and was left out). */
	header: boolean;
	rows: CsatRow[];
}

type Column = 'call_id' | 'score' | 'rated_at';

const NAMES: Readonly<Record<Column, RegExp>> = {
	call_id: /^(call[\s_-]*id|callid|通话\s*id|通话编号|通话流水号|呼叫\s*id|呼叫编号|录音编号)$/i,
	score: /^(score|csat|rating|satisfaction|满意度|满意度评分|评分|分数|得分)$/i,
	rated_at: /^(rated[\s_-]*at|rating[\s_-]*time|time|date|评价时间|回访时间|时间|日期)$/i
};

/** Where each column is, from a header row; null when the row names no call id column. */
function columnsOf(cells: readonly string[]): Partial<Record<Column, number>> | null {
	const found: Partial<Record<Column, number>> = {};
	cells.forEach((cell, index) => {
		const name = cell.trim();
		for (const column of Object.keys(NAMES) as Column[]) {
			if (found[column] === undefined && NAMES[column].test(name)) found[column] = index;
		}
	});
	return found.call_id === undefined || found.score === undefined ? null : found;
}

/** Rows of a file already split into cells. */
export function csatRowsOf(all: readonly SourceRow[]): CsatFile {
	const first = all[0];
	const named = first ? columnsOf(first.cells) : null;
	const columns = named ?? { call_id: 0, score: 1, rated_at: 2 };
	const body = named ? all.slice(1) : all;
	const cell = (row: SourceRow, column: Column): string => {
		const index = columns[column];
		return index === undefined ? '' : (row.cells[index] ?? '').trim();
	};
	return {
		header: named !== null,
		rows: body.map((row) => {
			const ratedAt = cell(row, 'rated_at');
			return {
				line: row.line,
				call_id: cell(row, 'call_id'),
				score: cell(row, 'score'),
				...(ratedAt === '' ? {} : { rated_at: ratedAt })
			};
		})
	};
}

/** An XLSX file is a ZIP archive: it starts with "PK\x03\x04" whatever its name says. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads the bytes of an uploaded survey file. */
export async function readCsatFile(bytes: ArrayBuffer): Promise<CsatFile> {
	const view = new Uint8Array(bytes);
	if (isZip(view)) return csatRowsOf(await readXlsxRows(bytes));
	return csatRowsOf(splitCsv(decodeText(view).text));
}
