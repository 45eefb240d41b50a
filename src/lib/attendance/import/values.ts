// The cells of a terminal export read as what they mean: a site-local date
// and time written the many ways terminal software writes them, and a
// check-in/out state in ZKTeco's English, codes or Chinese. Only year-first
// dates are read: "03/04/2026" is the 3rd of April in one country and the 4th
// of March in the next, and a guessed month would be a wrong deduction.

export type Direction = 'in' | 'out';

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' for a real date, else undefined. */
function dateText(year: number, month: number, day: number): string | undefined {
	if (year < 1970 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return undefined;
	}
	return `${year}-${pad(month)}-${pad(day)}`;
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?!\d)/;

/** A year-first date at the start of `text` and what follows it. */
function leadingDate(text: string): { date: string; rest: string } | undefined {
	const m = DATE.exec(text) ?? COMPACT_DATE.exec(text);
	if (!m) return undefined;
	const date = dateText(Number(m[1]), Number(m[2]), Number(m[3]));
	return date === undefined ? undefined : { date, rest: text.slice(m[0].length) };
}

const TIME =
	/^(上午|下午)?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2})(?:[.,]\d+)?\s*秒?)?\s*(am|pm|a\.m\.|p\.m\.|上午|下午)?$/i;

/** 'HH:MM:SS' for a clock time (24-hour, or 12-hour with AM/PM or 上午/下午), else undefined. */
export function parseTime(value: string): string | undefined {
	const m = TIME.exec(value.trim());
	if (!m) return undefined;
	let hour = Number(m[2]);
	const minute = Number(m[3]);
	const second = m[4] === undefined ? 0 : Number(m[4]);
	const half = (m[1] ?? m[5])?.toLowerCase();
	if (half !== undefined) {
		if (hour < 1 || hour > 12) return undefined;
		const pm = half.startsWith('p') || half === '下午';
		hour = (hour % 12) + (pm ? 12 : 0);
	}
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** 'YYYY-MM-DD' for a year-first date, which may carry a midnight time (a spreadsheet date cell). */
export function parseDate(value: string): string | undefined {
	const found = leadingDate(value.trim());
	if (!found) return undefined;
	const rest = found.rest.replace(/^[T\s]+/, '');
	if (rest === '' || parseTime(rest) === '00:00:00') return found.date;
	return undefined;
}

/** 'YYYY-MM-DD HH:MM:SS' for a year-first date with a time, else undefined. */
export function parseDateTime(value: string): string | undefined {
	const found = leadingDate(value.trim());
	if (!found) return undefined;
	// ISO 8601 with a zone would be an instant, not a site-local time: refuse rather than guess.
	const rest = found.rest.replace(/^[T\s]+/, '');
	if (rest === '' || /(z|[+-]\d{2}:?\d{2})$/i.test(rest)) return undefined;
	const time = parseTime(rest);
	return time === undefined ? undefined : `${found.date} ${time}`;
}

// ZKTeco's states in English, as codes (0 check-in, 1 check-out, 2 break-out,
// 3 break-in, 4 overtime-in, 5 overtime-out) and in the Chinese of its PC
// software, with the spellings other brands use. Keys are lower case without
// spaces or punctuation.
const STATES: Record<string, Direction> = {
	cin: 'in',
	checkin: 'in',
	in: 'in',
	i: 'in',
	'0': 'in',
	'3': 'in',
	'4': 'in',
	breakin: 'in',
	overtimein: 'in',
	otin: 'in',
	oin: 'in',
	dutyon: 'in',
	signin: 'in',
	上班签到: 'in',
	上班: 'in',
	签到: 'in',
	进: 'in',
	入: 'in',
	进入: 'in',
	外出返回: 'in',
	加班签到: 'in',
	cout: 'out',
	checkout: 'out',
	out: 'out',
	o: 'out',
	'1': 'out',
	'2': 'out',
	'5': 'out',
	breakout: 'out',
	overtimeout: 'out',
	otout: 'out',
	oout: 'out',
	dutyoff: 'out',
	signout: 'out',
	下班签退: 'out',
	下班: 'out',
	签退: 'out',
	出: 'out',
	离开: 'out',
	外出: 'out',
	加班签退: 'out'
};

/**
 * The direction a state cell says: 'in', 'out', null for an empty cell (the
 * engine then orders the punches itself), undefined for a state it does not know.
 */
export function parseState(value: string): Direction | null | undefined {
	const key = value
		.trim()
		.toLowerCase()
		.replace(/[\s\-_/.()（）]/g, '');
	if (key === '') return null;
	return STATES[key];
}
