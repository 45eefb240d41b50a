// Which column holds what. Terminals name their columns in English
// ("AC-No.", "Employee ID") or Chinese (工号, 考勤号码, 打卡时间), with one
// date-and-time column (ZKTeco's "Time") or a date and a time apart; the
// guess below is a starting point the person importing confirms or changes.
import type { SourceRow } from './csv';

/** Column indexes (0-based) of each field; null when the file has none. */
export interface ColumnMapping {
	employeeNo: number | null;
	name: number | null;
	/** One column with date and time. */
	dateTime: number | null;
	/** Or a date column and a time column. */
	date: number | null;
	time: number | null;
	state: number | null;
}

/** The two layouts of the issue; 'custom' for any other mapping a person chose. */
export type ImportLayout = 'ac_no_time_state' | 'id_date_time' | 'custom';

export type MappingField = keyof ColumnMapping;
export const MAPPING_FIELDS: readonly MappingField[] = ['employeeNo', 'name', 'dateTime', 'date', 'time', 'state'];

/** Header text compared without case, spaces and punctuation. */
export function headerKey(text: string): string {
	return text
		.trim()
		.toLowerCase()
		.replace(/[\s\-_/.:：()（）#№]/g, '');
}

const NAMES: Record<Exclude<MappingField, 'time'> | 'time', readonly string[]> = {
	employeeNo: [
		'acno',
		'employeeid',
		'employeeno',
		'empid',
		'empno',
		'userid',
		'personid',
		'personnelid',
		'staffid',
		'badgenumber',
		'enrollnumber',
		'id',
		'no',
		'工号',
		'考勤号码',
		'考勤号',
		'员工编号',
		'员工工号',
		'人员编号',
		'登记号码',
		'用户id',
		'用户编号',
		'编号'
	],
	name: ['name', 'employeename', 'username', 'staffname', 'fullname', '姓名', '名字', '员工姓名', '人员姓名'],
	dateTime: [
		'datetime',
		'checktime',
		'punchtime',
		'clocktime',
		'timestamp',
		'attendancetime',
		'打卡时间',
		'签到时间',
		'考勤时间',
		'日期时间',
		'刷卡时间',
		'识别时间'
	],
	date: ['date', 'punchdate', 'checkdate', 'attendancedate', '日期', '打卡日期', '考勤日期'],
	time: ['time', 'punchtime', 'checktime', '时间'],
	state: [
		'state',
		'status',
		'checktype',
		'inout',
		'punchstate',
		'attendancestate',
		'verifymode',
		'状态',
		'考勤状态',
		'打卡状态',
		'打卡类型',
		'签到签退',
		'进出',
		'进出状态'
	]
};

function find(keys: string[], names: readonly string[], taken: Set<number>): number | null {
	for (const name of names) {
		const i = keys.findIndex((k, at) => k === name && !taken.has(at));
		if (i >= 0) {
			taken.add(i);
			return i;
		}
	}
	return null;
}

/** The mapping that header row `header` suggests (every field null if nothing is recognised). */
export function guessMapping(header: readonly string[]): ColumnMapping {
	const keys = header.map(headerKey);
	const taken = new Set<number>();
	const employeeNo = find(keys, NAMES.employeeNo, taken);
	const name = find(keys, NAMES.name, taken);
	const date = find(keys, NAMES.date, taken);
	const state = find(keys, NAMES.state, taken);
	if (date !== null) {
		// With a date column, "Time" holds only the clock time.
		const time = find(keys, [...NAMES.time, ...NAMES.dateTime], taken);
		return { employeeNo, name, dateTime: null, date, time, state };
	}
	const dateTime = find(keys, [...NAMES.dateTime, ...NAMES.time], taken);
	return { employeeNo, name, dateTime, date: null, time: null, state };
}

/** How many fields a mapping fills. */
function filled(m: ColumnMapping): number {
	return MAPPING_FIELDS.filter((f) => m[f] !== null).length;
}

/**
 * The header row: of the first rows, the one whose cells name the most known
 * fields (terminal software may put a title or an export date above it).
 */
export function findHeader(rows: readonly SourceRow[]): { index: number; mapping: ColumnMapping } {
	let best = { index: 0, mapping: guessMapping(rows[0]?.cells ?? []) };
	for (let i = 1; i < Math.min(rows.length, 10); i++) {
		const mapping = guessMapping(rows[i]?.cells ?? []);
		if (filled(mapping) > filled(best.mapping)) best = { index: i, mapping };
	}
	return best;
}

/** The layout a mapping amounts to. */
export function layoutOf(m: ColumnMapping): ImportLayout {
	if (m.employeeNo === null) return 'custom';
	if (m.dateTime !== null && m.date === null && m.time === null) return 'ac_no_time_state';
	if (m.dateTime === null && m.date !== null && m.time !== null) return 'id_date_time';
	return 'custom';
}

/** What is missing for the mapping to give a punch: an employee number and a time. */
export function mappingProblem(m: ColumnMapping): 'no_employee_no' | 'no_time' | undefined {
	if (m.employeeNo === null) return 'no_employee_no';
	if (m.dateTime === null && (m.date === null || m.time === null)) return 'no_time';
	return undefined;
}
