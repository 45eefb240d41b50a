// The length of a shift from its clock times and breaks, for the live
// preview of the template form. The database is authoritative:
// app.shift_length (migration 20261205200000) checks every template and
// scheduled shift when it is written and derives span_min and paid_min.
// This is the same rule, step for step, so the preview agrees with what the
// database will store; shift-length.spec.ts pins it to answers the SQL gave.
// It also reads the SQL's refusals back into the same problems, so the page
// can say them in the user's language.

export interface BreakInput {
	start_min: number;
	minutes: number;
	paid: boolean;
}

export type ShiftLengthProblem =
	| { kind: 'same-time' }
	| { kind: 'malformed' }
	| { kind: 'too-short'; startMin: number; minutes: number }
	| { kind: 'outside'; startMin: number; minutes: number; spanMin: number }
	| { kind: 'overlap'; startMin: number; previousEnd: number };

export type ShiftLength =
	| { ok: true; spanMin: number; unpaidMin: number; paidMin: number; breaks: BreakInput[] }
	| { ok: false; problem: ShiftLengthProblem };

const MINUTES_PER_DAY = 1440;

/** Seconds after midnight of a time written hh:mm or hh:mm:ss, or null. */
function secondsOf(time: string): number | null {
	const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
	if (!match) return null;
	const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
	return h < 24 && m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
}

/** Minutes from start to end, across midnight when the end is not after the start (SQL: whole minutes, truncated). */
function spanOf(start: number, end: number): number {
	return end > start ? Math.trunc((end - start) / 60) : MINUTES_PER_DAY - Math.trunc((start - end) / 60);
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Span, unpaid and paid minutes of a shift, or the first problem app.shift_length would raise. */
export function shiftLength(startsAt: string, endsAt: string, breaks: readonly BreakInput[]): ShiftLength {
	const start = secondsOf(startsAt);
	const end = secondsOf(endsAt);
	if (start === null || end === null) return { ok: false, problem: { kind: 'malformed' } };
	if (start === end) return { ok: false, problem: { kind: 'same-time' } };
	const spanMin = spanOf(start, end);
	if (breaks.some((b) => !isWhole(b.start_min) || !isWhole(b.minutes) || typeof b.paid !== 'boolean')) {
		return { ok: false, problem: { kind: 'malformed' } };
	}
	// Sorted by start like the SQL's jsonb_agg(... order by start_min); ties overlap either way.
	const sorted = [...breaks].sort((a, b) => a.start_min - b.start_min).map((b) => ({ ...b }));
	let previousEnd = 0;
	let unpaidMin = 0;
	for (const b of sorted) {
		if (b.minutes <= 0) return { ok: false, problem: { kind: 'too-short', startMin: b.start_min, minutes: b.minutes } };
		if (b.start_min <= 0 || b.start_min + b.minutes >= spanMin) {
			return { ok: false, problem: { kind: 'outside', startMin: b.start_min, minutes: b.minutes, spanMin } };
		}
		if (b.start_min < previousEnd) {
			return { ok: false, problem: { kind: 'overlap', startMin: b.start_min, previousEnd } };
		}
		previousEnd = b.start_min + b.minutes;
		if (!b.paid) unpaidMin += b.minutes;
	}
	return { ok: true, spanMin, unpaidMin, paidMin: spanMin - unpaidMin, breaks: sorted };
}

/** Whether a shift from startsAt to endsAt ends on the next day (the SQL's rule: the end is not after the start). */
export function crossesMidnight(startsAt: string, endsAt: string): boolean {
	const start = secondsOf(startsAt);
	const end = secondsOf(endsAt);
	return start !== null && end !== null && end <= start;
}

// The words app.shift_length raises (SQLSTATE 23514), read back into problems.
const SQL_PROBLEMS: readonly [RegExp, (n: number[]) => ShiftLengthProblem][] = [
	[/^a shift must end at another time than it starts/, () => ({ kind: 'same-time' })],
	[/^(breaks must be a list|a break is \{)/, () => ({ kind: 'malformed' })],
	[
		/^a break must last at least a minute \(the one at minute (-?\d+) lasts (-?\d+)\)/,
		([startMin = 0, minutes = 0]) => ({ kind: 'too-short', startMin, minutes })
	],
	[
		/^a break must lie inside the shift: the one at minute (-?\d+) for (-?\d+) min does not fit a shift of (\d+) min/,
		([startMin = 0, minutes = 0, spanMin = 0]) => ({ kind: 'outside', startMin, minutes, spanMin })
	],
	[
		/^breaks may not overlap: the one at minute (-?\d+) starts before the one before it ends \(minute (-?\d+)\)/,
		([startMin = 0, previousEnd = 0]) => ({ kind: 'overlap', startMin, previousEnd })
	]
];

/** The problem an app.shift_length refusal names, or null for any other message. */
export function shiftProblemOfSqlMessage(message: string): ShiftLengthProblem | null {
	for (const [pattern, problem] of SQL_PROBLEMS) {
		const match = pattern.exec(message);
		if (match) return problem(match.slice(1).map(Number));
	}
	return null;
}
