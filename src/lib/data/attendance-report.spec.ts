import { describe, expect, it } from 'vitest';
import { reportRow } from '$lib/attendance/report/report-fixture';
import { parseReport } from './attendance-report';

describe('parseReport', () => {
	it('groups agents under their team, in the order given, with the site total apart', () => {
		const report = parseReport('2026-03', [
			reportRow({ row_kind: 'agent', team: 't1', team_name: 'A', agent: 'a1', employee_no: 'E1' }),
			reportRow({ row_kind: 'agent', team: 't1', team_name: 'A', agent: 'a2', employee_no: 'E2' }),
			reportRow({ row_kind: 'team', team: 't1', team_name: 'A', agents: 2 }),
			reportRow({ row_kind: 'team', team: 't2', team_name: 'B', agents: 0 }),
			reportRow({ row_kind: 'site', agents: 2 })
		]);
		expect(report.teams.map((t) => [t.name, t.agents.map((a) => a.employee_no), t.total.agents])).toEqual([
			['A', ['E1', 'E2'], 2],
			['B', [], 0]
		]);
		expect(report.site?.agents).toBe(2);
	});
	it('takes numeric columns as numbers or as exact text', () => {
		const row = { ...reportRow({ row_kind: 'site' }), deduction_total: '140.50', leave_sick: '0.5' };
		const report = parseReport('2026-03', [row]);
		expect(report.site?.deduction_total).toBe(140.5);
		expect(report.site?.leave_sick).toBe(0.5);
	});
	it('refuses an answer of another shape rather than show a wrong figure', () => {
		expect(() => parseReport('2026-03', [{ ...reportRow({ row_kind: 'site' }), deduction_total: 'lots' }])).toThrow(
			/unexpected shape/
		);
		expect(() => parseReport('2026-03', [{ ...reportRow({ row_kind: 'site' }), row_kind: 'floor' }])).toThrow(
			/unexpected shape/
		);
		expect(parseReport('2026-03', []).site).toBeNull();
	});
});
