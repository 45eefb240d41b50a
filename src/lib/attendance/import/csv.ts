// Delimited text as terminals and spreadsheets write it (RFC 4180 quoting,
// comma, tab or semicolon, CRLF or LF), split into cells with the line number
// each record starts on, so a bad line can be named the way an editor shows it.

export interface SourceRow {
	/** 1-based line (CSV) or row (XLSX) number in the file. */
	line: number;
	cells: string[];
}

const DELIMITERS = [',', '\t', ';'] as const;

/** The delimiter used most on the first non-empty line, outside quotes (comma when none is). */
export function guessDelimiter(text: string): string {
	const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
	let best: string = ',';
	let bestCount = 0;
	for (const d of DELIMITERS) {
		let count = 0;
		let quoted = false;
		for (const ch of first) {
			if (ch === '"') quoted = !quoted;
			else if (ch === d && !quoted) count++;
		}
		if (count > bestCount) {
			best = d;
			bestCount = count;
		}
	}
	return best;
}

/** Records of `text`; blank lines are left out (their numbers still count). */
export function splitCsv(text: string, delimiter = guessDelimiter(text)): SourceRow[] {
	const rows: SourceRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	const endRow = () => {
		cells.push(cell);
		if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
				cell += ch;
			}
		} else if (ch === '"' && cell.trim() === '') {
			cell = '';
			quoted = true;
		} else if (ch === delimiter) {
			cells.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRow();
			line++;
			rowLine = line;
		} else {
			cell += ch;
		}
	}
	if (cell !== '' || cells.length > 0) endRow();
	return rows;
}
