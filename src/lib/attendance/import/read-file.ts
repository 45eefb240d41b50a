// A terminal export, CSV or XLSX, as a table: its header row, the column
// mapping that header suggests, and the rows below it with their line numbers.
import { findHeader, type ColumnMapping } from './columns';
import { splitCsv, type SourceRow } from './csv';
import { decodeText, type TextEncoding } from './decode';
import { readXlsxRows } from './xlsx';

export interface ImportTable {
	kind: 'csv' | 'xlsx';
	/** The text encoding found (CSV only). */
	encoding: TextEncoding | null;
	header: string[];
	headerLine: number;
	rows: SourceRow[];
	/** What the header suggests; the person importing may change it. */
	mapping: ColumnMapping;
}

/** An XLSX file is a ZIP archive: it starts with "PK\x03\x04" whatever its name says. */
function isZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function tableOf(kind: ImportTable['kind'], encoding: TextEncoding | null, all: SourceRow[]): ImportTable {
	const { index, mapping } = findHeader(all);
	const head = all[index];
	return {
		kind,
		encoding,
		header: head?.cells.map((c) => c.trim()) ?? [],
		headerLine: head?.line ?? 0,
		rows: all.slice(index + 1),
		mapping
	};
}

/** Reads the bytes of an uploaded file (its name is not trusted for the type). */
export async function readImportFile(bytes: ArrayBuffer): Promise<ImportTable> {
	const view = new Uint8Array(bytes);
	if (isZip(view)) return tableOf('xlsx', null, await readXlsxRows(bytes));
	const { text, encoding } = decodeText(view);
	return tableOf('csv', encoding, splitCsv(text));
}
