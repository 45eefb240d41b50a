import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { explainDay, explanationHas } from './explain';

const late = [
	{
		code: 'late',
		params: {
			at: '2026-12-07T01:12:30Z',
			expected: '2026-12-07T01:00:00Z',
			minutes: 12,
			grace: 5,
			late_max: 30,
			half_day_max: 120
		}
	},
	{ code: 'deduction', params: { amount: 20, tier: 'late' } },
	{ code: 'policy', params: { version: 2, effective_from: '2026-12-01' } }
];

describe('explaining a judged day', () => {
	it('words every line, with the instants on the site clock', () => {
		const tiers = { minutes: 12, grace: 5, late_max: 30, half_day_max: 120 };
		expect(explainDay(late)).toEqual([
			m.att_why_late({ at: '09:12', expected: '09:00', ...tiers }),
			m.att_why_deduction({ amount: '20.00' }),
			m.att_why_policy({ version: 2, effective_from: '2026-12-01' })
		]);
		expect(explainDay(late, 'Europe/Berlin')[0]).toBe(m.att_why_late({ at: '02:12', expected: '02:00', ...tiers }));
	});

	it('says which punch is missing, and keeps an unknown code visible rather than dropping it', () => {
		expect(
			explainDay([
				{ code: 'single_punch', params: { at: '2026-12-07T01:00:00Z', missing: 'out' } },
				{ code: 'single_punch', params: { at: '2026-12-07T09:00:00Z', missing: 'in' } },
				{ code: 'something_new', params: {} }
			])
		).toEqual([
			m.att_why_single_punch_in({ at: '09:00' }),
			m.att_why_single_punch_out({ at: '17:00' }),
			m.att_why_unknown({ code: 'something_new' })
		]);
	});

	it('reads nothing from a malformed explanation', () => {
		expect(explainDay({ code: 'late' })).toEqual([]);
		expect(explainDay(null)).toEqual([]);
	});

	it('tells whether an explanation holds a line of a code, and nothing for one it cannot read', () => {
		const open = [
			{ code: 'not_in_yet', params: {} },
			{ code: 'open', params: { closes_at: '2026-12-04T11:00:00Z' } }
		];
		expect(explanationHas(open, 'open')).toBe(true);
		expect(explanationHas(open, 'late')).toBe(false);
		expect(explanationHas('not a list', 'open')).toBe(false);
	});
});
