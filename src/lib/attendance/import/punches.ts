// The rows under the header read through a column mapping into punches, each
// line that cannot be one reported with its number and why, and a line that
// repeats an earlier one (same employee, same second) counted and skipped.
// The database checks again what only it knows (employee numbers, punches
// already stored); this is what can be told from the file alone.
import type { ColumnMapping } from './columns';
import type { SourceRow } from './csv';
import { parseDate, parseDateTime, parseState, parseTime, type Direction } from './values';

export interface ImportPunch {
	line: number;
	employeeNo: string;
	name: string;
	/** Site-local 'YYYY-MM-DD HH:MM:SS'. */
	localTime: string;
	direction: Direction | null;
}

/** Reasons from the file; the database adds unknown_employee, future_time, month_locked, already_stored. */
export type FileProblemReason =
	'missing_employee_no' | 'bad_employee_no' | 'missing_time' | 'bad_time' | 'bad_date' | 'unknown_state';

export interface ImportProblem<Reason extends string = FileProblemReason> {
	line: number;
	reason: Reason;
	/** The offending cell as written (for the person to find it). */
	value: string;
}

export interface ImportDuplicate {
	line: number;
	/** The earlier line it repeats. */
	sameAs: number;
}

export interface ReadPunches {
	punches: ImportPunch[];
	problems: ImportProblem[];
	duplicates: ImportDuplicate[];
}

const cell = (row: SourceRow, at: number | null): string => (at === null ? '' : (row.cells[at] ?? '').trim());

function localTimeOf(row: SourceRow, m: ColumnMapping): { time: string } | ImportProblem {
	if (m.dateTime !== null) {
		const raw = cell(row, m.dateTime);
		if (raw === '') return { line: row.line, reason: 'missing_time', value: '' };
		const time = parseDateTime(raw);
		return time === undefined ? { line: row.line, reason: 'bad_time', value: raw } : { time };
	}
	const rawDate = cell(row, m.date);
	const rawTime = cell(row, m.time);
	if (rawDate === '' || rawTime === '') return { line: row.line, reason: 'missing_time', value: rawDate || rawTime };
	const date = parseDate(rawDate);
	if (date === undefined) return { line: row.line, reason: 'bad_date', value: rawDate };
	const time = parseTime(rawTime);
	return time === undefined ? { line: row.line, reason: 'bad_time', value: rawTime } : { time: `${date} ${time}` };
}

/** Punches, problems and repeated lines of `rows` (the rows after the header). */
export function readPunches(rows: readonly SourceRow[], m: ColumnMapping): ReadPunches {
	const punches: ImportPunch[] = [];
	const problems: ImportProblem[] = [];
	const duplicates: ImportDuplicate[] = [];
	const seen = new Map<string, number>();
	for (const row of rows) {
		const employeeNo = cell(row, m.employeeNo);
		if (employeeNo === '') {
			problems.push({ line: row.line, reason: 'missing_employee_no', value: '' });
			continue;
		}
		if (employeeNo.length > 50) {
			problems.push({ line: row.line, reason: 'bad_employee_no', value: employeeNo.slice(0, 50) });
			continue;
		}
		const time = localTimeOf(row, m);
		if ('reason' in time) {
			problems.push(time);
			continue;
		}
		const rawState = cell(row, m.state);
		const direction = parseState(rawState);
		if (direction === undefined) {
			problems.push({ line: row.line, reason: 'unknown_state', value: rawState });
			continue;
		}
		const key = `${employeeNo}\u0000${time.time}`;
		const sameAs = seen.get(key);
		if (sameAs !== undefined) {
			duplicates.push({ line: row.line, sameAs });
			continue;
		}
		seen.set(key, row.line);
		punches.push({ line: row.line, employeeNo, name: cell(row, m.name), localTime: time.time, direction });
	}
	return { punches, problems, duplicates };
}
