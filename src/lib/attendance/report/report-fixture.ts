// A small month report for the export tests: two teams, names that try to
// be formulas or break CSV, and figures in every unit.
import { groupReport, type MonthReport, type ReportRow } from '$lib/data/attendance-report';

const ZERO: Omit<ReportRow, 'row_kind' | 'team' | 'team_name' | 'agent' | 'agent_name' | 'employee_no'> = {
	agents: 1,
	scheduled_days: 0,
	present_days: 0,
	late_count: 0,
	late_min: 0,
	early_count: 0,
	early_min: 0,
	half_days: 0,
	absent_days: 0,
	missing_punches: 0,
	open_days: 0,
	leave_days: 0,
	leave_annual: 0,
	leave_sick: 0,
	leave_personal: 0,
	leave_compensatory: 0,
	leave_visit_half_day: 0,
	leave_marriage: 0,
	leave_maternity: 0,
	leave_bereavement: 0,
	leave_other: 0,
	outings: 0,
	outing_min: 0,
	overtime_min: 0,
	deduction_late: 0,
	deduction_early: 0,
	deduction_half_day: 0,
	deduction_absent: 0,
	deduction_missing_punch: 0,
	deduction_other: 0,
	deduction_total: 0
};

export function reportRow(row: Partial<ReportRow> & Pick<ReportRow, 'row_kind'>): ReportRow {
	return { team: null, team_name: null, agent: null, agent_name: null, employee_no: null, ...ZERO, ...row };
}

const A = { team: 'team-a', team_name: '热线一组 Hotline A' };
const B = { team: 'team-b', team_name: '=HYPERLINK("x")' };

export const FIXTURE: MonthReport = groupReport('2026-03', [
	reportRow({
		row_kind: 'agent',
		...A,
		agent: 'a1',
		agent_name: '王伟',
		employee_no: 'E001',
		scheduled_days: 21,
		present_days: 19,
		late_count: 2,
		late_min: 37,
		leave_days: 1.5,
		leave_sick: 0.5,
		leave_annual: 1,
		overtime_min: 90,
		deduction_late: 40,
		deduction_total: 40
	}),
	reportRow({
		row_kind: 'agent',
		...A,
		agent: 'a2',
		agent_name: '=1+1',
		employee_no: '-E002',
		scheduled_days: 20,
		present_days: 20,
		outings: 1,
		outing_min: 120
	}),
	reportRow({
		row_kind: 'team',
		...A,
		agents: 2,
		scheduled_days: 41,
		present_days: 39,
		late_count: 2,
		late_min: 37,
		leave_days: 1.5,
		leave_sick: 0.5,
		leave_annual: 1,
		outings: 1,
		outing_min: 120,
		overtime_min: 90,
		deduction_late: 40,
		deduction_total: 40
	}),
	reportRow({
		row_kind: 'agent',
		...B,
		agent: 'b1',
		agent_name: 'Li, "Lily"',
		employee_no: '@E003',
		scheduled_days: 5,
		absent_days: 1,
		deduction_absent: 100.5,
		deduction_total: 100.5
	}),
	reportRow({
		row_kind: 'team',
		...B,
		agents: 1,
		scheduled_days: 5,
		absent_days: 1,
		deduction_absent: 100.5,
		deduction_total: 100.5
	}),
	reportRow({
		row_kind: 'site',
		agents: 3,
		scheduled_days: 46,
		present_days: 39,
		late_count: 2,
		late_min: 37,
		absent_days: 1,
		leave_days: 1.5,
		leave_sick: 0.5,
		leave_annual: 1,
		outings: 1,
		outing_min: 120,
		overtime_min: 90,
		deduction_late: 40,
		deduction_absent: 100.5,
		deduction_total: 140.5
	})
]);
