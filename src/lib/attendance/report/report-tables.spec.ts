import { describe, expect, it } from 'vitest';
import { columnsFor } from './report-columns';
import { FIXTURE, reportRow } from './report-fixture';
import { exportFileName, flatTable, summaryTable, teamTables } from './report-tables';
import { groupReport } from '$lib/data/attendance-report';

describe('columnsFor', () => {
	it('keeps the fixed columns and only the leave types, open days and other deductions in use', () => {
		const ids = columnsFor(FIXTURE).map((c) => c.id);
		expect(ids).toContain('leave_annual');
		expect(ids).toContain('leave_sick');
		expect(ids).not.toContain('leave_maternity');
		expect(ids).not.toContain('open_days');
		expect(ids).not.toContain('deduction_other');
		expect(ids).toContain('deduction_missing_punch');
		expect(ids.at(-1)).toBe('deduction_total');
	});
	it('converts minutes to hours with two decimals', () => {
		const overtime = columnsFor(FIXTURE).find((c) => c.id === 'overtime_hours');
		expect(overtime?.value(reportRow({ row_kind: 'agent', overtime_min: 100 }))).toBe(1.67);
	});
});

describe('report tables', () => {
	it('sums up per team, then all teams', () => {
		const summary = summaryTable(FIXTURE, 'zh-CN');
		expect(summary.name).toBe('汇总');
		expect(summary.columns.slice(0, 3).map((c) => c.header)).toEqual(['团队', '人数', '应出勤天数']);
		expect(summary.rows.map((r) => r.slice(0, 3))).toEqual([
			['热线一组 Hotline A', 2, 41],
			['=HYPERLINK("x")', 1, 5],
			['全部团队', 3, 46]
		]);
	});
	it('gives each team its agents and a total row', () => {
		const [a, b] = teamTables(FIXTURE, 'en');
		expect(a?.name).toBe('热线一组 Hotline A');
		expect(a?.columns.slice(0, 2).map((c) => c.header)).toEqual(['Employee no.', 'Name']);
		expect(a?.rows.map((r) => r.slice(0, 3))).toEqual([
			['E001', '王伟', 21],
			['-E002', '=1+1', 20],
			[null, 'Total', 41]
		]);
		expect(b?.rows).toHaveLength(2);
	});
	it('makes an empty month a header and nothing else', () => {
		const empty = groupReport('2026-03', []);
		expect(teamTables(empty, 'en')).toEqual([]);
		expect(summaryTable(empty, 'en').rows).toEqual([]);
		expect(flatTable(empty, 'en').rows).toEqual([]);
	});
	it('names the file by month in the language', () => {
		expect(exportFileName('2026-03', 'zh-CN')).toBe('考勤月报-2026-03');
		expect(exportFileName('2026-03', 'en')).toBe('attendance-report-2026-03');
	});
});
