import { describe, expect, it } from 'vitest';
import type { RotaShift } from '$lib/rota/edits';
import { printWeek } from './print-week';

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09'];
const agent = (n: number) => ({ id: `a${n}`, display_name: `Agent ${n}`, employee_no: `E${n}` });

let ids = 0;
function shift(agentId: string | null, day: string, starts: string, paid: number): RotaShift {
	return {
		id: `s${++ids}`,
		agent_id: agentId,
		day,
		template_id: null,
		starts_at: starts,
		ends_at: '23:00:00',
		breaks: [],
		paid_min: paid,
		note: null
	};
}

describe('printWeek', () => {
	it('gives each agent a row of days with hours, open shifts apart, and a headcount per day', () => {
		const shifts = [
			shift('a2', '2026-12-07', '13:00:00', 480),
			shift('a1', '2026-12-07', '08:00:00', 480),
			// agent 1 works a split day: two shifts, one person.
			shift('a1', '2026-12-08', '16:00:00', 120),
			shift('a1', '2026-12-08', '08:00:00', 240),
			shift(null, '2026-12-09', '09:00:00', 480)
		];
		const week = printWeek([agent(10), agent(2), agent(1)], shifts, DAYS);
		// E1, E2, E10: employee numbers in numeric order.
		expect(week.rows.map((r) => r.agent.id)).toEqual(['a1', 'a2', 'a10']);
		expect(week.rows[0]!.days.map((d) => d.map((s) => s.starts_at))).toEqual([
			['08:00:00'],
			['08:00:00', '16:00:00'],
			[]
		]);
		expect(week.rows.map((r) => r.paidMin)).toEqual([840, 480, 0]);
		expect(week.rows[2]!.days).toEqual([[], [], []]);
		expect(week.open.map((d) => d.length)).toEqual([0, 0, 1]);
		expect(week.headcount).toEqual([2, 1, 0]);
		expect(week.paidMin).toBe(1320);
	});
});
