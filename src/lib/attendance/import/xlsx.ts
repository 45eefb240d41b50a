// The first sheet of an .xlsx terminal export as rows of text, read with
// read-excel-file (about 16 KB gzipped with its unzip and XML parser; not the
// `xlsx` package, whose npm release has a prototype-pollution bug when reading
// untrusted files). It is imported on first use, so only the import page
// ever loads it.
//
// The file is unzipped here first and handed on as an uncompressed ZIP:
// read-excel-file inflates parts over 512 KB (a month's sheet) in a Web
// Worker made from a blob: URL, which the app's Content-Security-Policy
// rightly refuses; stored entries it reads synchronously.
import type { SourceRow } from './csv';

/** No part of a terminal export is this large; a file that says so is a ZIP bomb, not a sheet. */
const MAX_PART_BYTES = 200 * 2 ** 20;

async function uncompressed(bytes: ArrayBuffer): Promise<ArrayBuffer> {
	const { unzipSync, zipSync } = await import('fflate');
	const parts = unzipSync(new Uint8Array(bytes), {
		filter: (f) => {
			if (f.originalSize > MAX_PART_BYTES) throw new Error(`${f.name} would unpack to ${f.originalSize} bytes`);
			return f.name.endsWith('.xml') || f.name.endsWith('.rels');
		}
	});
	const zip = zipSync(parts, { level: 0 });
	return zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell as the wall-clock text it shows. Spreadsheet dates have no time
 * zone: the reader gives them as UTC instants whose UTC fields are the
 * written ones, so UTC fields are read back. A time-only cell (Excel's day
 * zero, 1899-12-30/31) becomes just its clock time. Serials are fractions
 * of a day, so 09:00:00 may arrive as 08:59:59.9999: round to the second.
 */
export function spreadsheetDateText(date: Date): string {
	const d = new Date(Math.round(date.getTime() / 1000) * 1000);
	const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	if (d.getUTCFullYear() < 1900) return time;
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}`;
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return spreadsheetDateText(value);
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

/** The first sheet's rows with their 1-based row numbers; blank rows are left out. */
export async function readXlsxRows(bytes: ArrayBuffer): Promise<SourceRow[]> {
	const { readSheet } = await import('read-excel-file/universal');
	const sheet = await readSheet(await uncompressed(bytes), 1);
	const rows: SourceRow[] = [];
	sheet.forEach((cells, i) => {
		const texts = cells.map(cellText);
		if (texts.some((t) => t.trim() !== '')) rows.push({ line: i + 1, cells: texts });
	});
	return rows;
}
