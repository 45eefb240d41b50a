import { describe, expect, it } from 'vitest';
import { adjustProblem, applyAdjustment, inRange, type AdjustDraft } from './forecast-adjust';

// A day of the pgTAP test (44-staffing-forecast): calls at 10:00 only.
const day = Array.from({ length: 96 }, (_, i) => ({ minute: i * 15, offered: i === 40 ? 15.4 : 0 }));
const draft = (d: Partial<AdjustDraft>): AdjustDraft => ({
	fromTime: null,
	toTime: null,
	kind: 'percent',
	value: 10,
	reason: 'Promotion mailing',
	...d
});
const at = (points: { minute: number; offered: number }[], minute: number) => points.find((p) => p.minute === minute)!;

describe('applyAdjustment (the same cases as adjust_forecast in SQL)', () => {
	it('plus 10 % on the whole day: 14.3 → 15.73', () => {
		const thursday = day.map((p) => ({ ...p, offered: p.minute === 600 ? 14.3 : 0 }));
		expect(at(applyAdjustment(thursday, draft({})), 600).offered).toBe(15.73);
	});

	it('10 more calls 09:00–11:00 go where the calls are: 15.4 → 25.4, the empty 09:00 stays empty', () => {
		const out = applyAdjustment(day, draft({ fromTime: '09:00', toTime: '11:00', kind: 'absolute', value: 10 }));
		expect(at(out, 600).offered).toBe(25.4);
		expect(at(out, 540).offered).toBe(0);
	});

	it('calls added to a range forecasting none are spread evenly', () => {
		const out = applyAdjustment(day, draft({ fromTime: '03:00', toTime: '04:00', kind: 'absolute', value: 8 }));
		expect([180, 195, 210, 225].map((m) => at(out, m).offered)).toEqual([2, 2, 2, 2]);
	});

	it('a range may lose all its calls', () => {
		const out = applyAdjustment(day, draft({ fromTime: '10:00', toTime: '10:15', kind: 'absolute', value: -15.4 }));
		expect(at(out, 600).offered).toBe(0);
	});
});

describe('adjustProblem', () => {
	it('accepts a sound draft', () => {
		expect(adjustProblem(draft({}), day)).toBeNull();
		expect(adjustProblem(draft({ fromTime: '10:00', toTime: '24:00' }), day)).toBeNull();
	});

	it('refuses what the SQL refuses', () => {
		expect(adjustProblem(draft({ value: -100 }), day)).toBe('percent-floor');
		expect(adjustProblem(draft({ kind: 'absolute', value: -20, fromTime: '10:00', toTime: '10:15' }), day)).toBe(
			'negative'
		);
		expect(adjustProblem(draft({ reason: '  ' }), day)).toBe('reason');
		expect(adjustProblem(draft({ fromTime: '10:00', toTime: '09:00' }), day)).toBe('order');
		expect(adjustProblem(draft({ fromTime: '09:10', toTime: '10:00' }), day)).toBe('quarter');
		expect(adjustProblem(draft({ value: Number.NaN }), day)).toBe('value');
		expect(adjustProblem(draft({}), [])).toBe('empty-range');
	});

	it('takes a missing end as the end of the day', () => {
		expect(inRange(1425, { fromTime: '23:00', toTime: null })).toBe(true);
		expect(inRange(1425, { fromTime: null, toTime: '23:45' })).toBe(false);
	});
});
