// The preview's rule against the SQL's answers. Each case below was run
// through app.shift_length (select * from app.shift_length($1::time,
// $2::time, $3::jsonb) on the migrated schema) and its result or its
// refusal copied here; SQL is the authority, so when these disagree it is
// the TS that must change.
import { describe, expect, it } from 'vitest';
import { crossesMidnight, shiftLength, shiftProblemOfSqlMessage, type BreakInput } from './shift-length';

const unpaid = (start_min: number, minutes: number): BreakInput => ({ start_min, minutes, paid: false });
const paid = (start_min: number, minutes: number): BreakInput => ({ start_min, minutes, paid: true });

// [starts, ends, breaks, span_min, unpaid_min] as the SQL computed them.
const DERIVED: [string, string, BreakInput[], number, number][] = [
	['09:00', '18:00', [unpaid(180, 60)], 540, 60],
	['22:00', '06:30', [unpaid(240, 30)], 510, 30],
	['22:00', '06:00', [unpaid(240, 30), paid(120, 15)], 480, 30],
	['23:30', '00:30', [unpaid(40, 5), paid(10, 5)], 60, 5],
	['08:00', '16:30', [paid(120, 15), unpaid(240, 30), paid(390, 15)], 510, 30],
	['00:00', '00:01', [], 1, 0],
	['10:00', '09:59', [], 1439, 0],
	['10:00', '09:59', [unpaid(1, 1437)], 1439, 1437],
	['09:00', '17:00', [paid(120, 30), unpaid(150, 15)], 480, 15]
];

// [starts, ends, breaks, the SQL's message (SQLSTATE 23514)].
const REFUSED: [string, string, BreakInput[], string][] = [
	['09:00', '09:00', [], 'a shift must end at another time than it starts (a 24-hour shift is not supported)'],
	[
		'09:00',
		'17:00',
		[unpaid(0, 30)],
		'a break must lie inside the shift: the one at minute 0 for 30 min does not fit a shift of 480 min'
	],
	[
		'09:00',
		'17:00',
		[unpaid(450, 30)],
		'a break must lie inside the shift: the one at minute 450 for 30 min does not fit a shift of 480 min'
	],
	[
		'22:00',
		'06:00',
		[unpaid(480, 30)],
		'a break must lie inside the shift: the one at minute 480 for 30 min does not fit a shift of 480 min'
	],
	['09:00', '17:00', [paid(120, 0)], 'a break must last at least a minute (the one at minute 120 lasts 0)'],
	['09:00', '17:00', [paid(600, -5)], 'a break must last at least a minute (the one at minute 600 lasts -5)'],
	[
		'09:00',
		'17:00',
		[paid(120, 30), unpaid(140, 15)],
		'breaks may not overlap: the one at minute 140 starts before the one before it ends (minute 150)'
	],
	[
		'09:00',
		'17:00',
		[paid(1.5, 30)],
		'a break is {"start_min": whole minutes after the shift starts, "minutes": whole minutes, "paid": true or false}, not {"paid": true, "minutes": 30, "start_min": 1.5}'
	]
];

describe('shift length (the preview of app.shift_length)', () => {
	it.each(DERIVED)(
		'%s–%s %j: span and paid minutes as the SQL derives them',
		(starts, ends, breaks, span, unpaidMin) => {
			const result = shiftLength(starts, ends, breaks);
			expect(result).toMatchObject({ ok: true, spanMin: span, unpaidMin, paidMin: span - unpaidMin });
			if (result.ok)
				expect(result.breaks.map((b) => b.start_min)).toEqual(breaks.map((b) => b.start_min).sort((a, b) => a - b));
		}
	);

	it.each(REFUSED)('%s–%s %j: refused as the SQL refuses it', (starts, ends, breaks, message) => {
		const result = shiftLength(starts, ends, breaks);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toEqual(shiftProblemOfSqlMessage(message));
	});

	it('reads every refusal of the SQL into a problem, and nothing else', () => {
		for (const [, , , message] of REFUSED) expect(shiftProblemOfSqlMessage(message)).not.toBeNull();
		expect(shiftProblemOfSqlMessage('breaks must be a list')).toEqual({ kind: 'malformed' });
		expect(shiftProblemOfSqlMessage('duplicate key value violates unique constraint')).toBeNull();
	});

	it('says when a shift ends the next day', () => {
		expect(crossesMidnight('22:00', '06:00')).toBe(true);
		expect(crossesMidnight('22:00:00', '22:00:00')).toBe(true);
		expect(crossesMidnight('09:00', '17:30')).toBe(false);
	});
});
