// The monthly report's figures as columns, named in either language: one
// list that the page's table and both exports (CSV, XLSX) read, so they
// show the same columns with the same headers. Leave types, open days and
// other deductions are shown only when some row of the report has them; the
// rest always, so a payroll sheet keeps its layout from month to month.
import { LEAVE_TYPES, type LeaveType, type MonthReport, type ReportRow } from '$lib/data/attendance-report';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** How a figure is written: whole counts and minutes, days in halves, hours and money with two decimals. */
export type Unit = 'count' | 'minutes' | 'days' | 'hours' | 'money';

export interface ReportColumn {
	id: string;
	unit: Unit;
	header: (locale: Locale) => string;
	value: (row: ReportRow) => number;
	/** Shown only when some row's value is not zero. */
	optional?: boolean;
	/** Starts a group the page's table sets apart (leave, deductions). */
	group?: 'leave' | 'deduction';
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
const at = (locale: Locale) => ({ locale });

const LEAVE_HEADER: Record<LeaveType, (locale: Locale) => string> = {
	annual: (l) => m.att_report_leave_annual({}, at(l)),
	sick: (l) => m.att_report_leave_sick({}, at(l)),
	personal: (l) => m.att_report_leave_personal({}, at(l)),
	compensatory: (l) => m.att_report_leave_compensatory({}, at(l)),
	visit_half_day: (l) => m.att_report_leave_visit_half_day({}, at(l)),
	marriage: (l) => m.att_report_leave_marriage({}, at(l)),
	maternity: (l) => m.att_report_leave_maternity({}, at(l)),
	bereavement: (l) => m.att_report_leave_bereavement({}, at(l)),
	other: (l) => m.att_report_leave_other({}, at(l))
};

const leaveColumn = (type: LeaveType): ReportColumn => ({
	id: `leave_${type}`,
	unit: 'days',
	header: LEAVE_HEADER[type],
	value: (r) => r[`leave_${type}`],
	optional: true,
	group: 'leave'
});

export const REPORT_COLUMNS: readonly ReportColumn[] = [
	{
		id: 'scheduled_days',
		unit: 'count',
		header: (l) => m.att_report_col_scheduled({}, at(l)),
		value: (r) => r.scheduled_days
	},
	{
		id: 'present_days',
		unit: 'count',
		header: (l) => m.att_report_col_present({}, at(l)),
		value: (r) => r.present_days
	},
	{
		id: 'late_count',
		unit: 'count',
		header: (l) => m.att_report_col_late_count({}, at(l)),
		value: (r) => r.late_count
	},
	{ id: 'late_min', unit: 'minutes', header: (l) => m.att_report_col_late_min({}, at(l)), value: (r) => r.late_min },
	{
		id: 'early_count',
		unit: 'count',
		header: (l) => m.att_report_col_early_count({}, at(l)),
		value: (r) => r.early_count
	},
	{ id: 'early_min', unit: 'minutes', header: (l) => m.att_report_col_early_min({}, at(l)), value: (r) => r.early_min },
	{ id: 'half_days', unit: 'count', header: (l) => m.att_report_col_half_days({}, at(l)), value: (r) => r.half_days },
	{ id: 'absent_days', unit: 'count', header: (l) => m.att_report_col_absent({}, at(l)), value: (r) => r.absent_days },
	{
		id: 'missing_punches',
		unit: 'count',
		header: (l) => m.att_report_col_missing({}, at(l)),
		value: (r) => r.missing_punches
	},
	{
		id: 'open_days',
		unit: 'count',
		header: (l) => m.att_report_col_open({}, at(l)),
		value: (r) => r.open_days,
		optional: true
	},
	{
		id: 'leave_days',
		unit: 'days',
		header: (l) => m.att_report_col_leave_total({}, at(l)),
		value: (r) => r.leave_days,
		group: 'leave'
	},
	...LEAVE_TYPES.map(leaveColumn),
	{ id: 'outings', unit: 'count', header: (l) => m.att_report_col_outings({}, at(l)), value: (r) => r.outings },
	{
		id: 'outing_hours',
		unit: 'hours',
		header: (l) => m.att_report_col_outing_hours({}, at(l)),
		value: (r) => hours(r.outing_min)
	},
	{
		id: 'overtime_hours',
		unit: 'hours',
		header: (l) => m.att_report_col_overtime_hours({}, at(l)),
		value: (r) => hours(r.overtime_min)
	},
	{
		id: 'deduction_late',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_late({}, at(l)),
		value: (r) => r.deduction_late,
		group: 'deduction'
	},
	{
		id: 'deduction_early',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_early({}, at(l)),
		value: (r) => r.deduction_early,
		group: 'deduction'
	},
	{
		id: 'deduction_half_day',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_half_day({}, at(l)),
		value: (r) => r.deduction_half_day,
		group: 'deduction'
	},
	{
		id: 'deduction_absent',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_absent({}, at(l)),
		value: (r) => r.deduction_absent,
		group: 'deduction'
	},
	{
		id: 'deduction_missing_punch',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_missing({}, at(l)),
		value: (r) => r.deduction_missing_punch,
		group: 'deduction'
	},
	{
		id: 'deduction_other',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_other({}, at(l)),
		value: (r) => r.deduction_other,
		optional: true,
		group: 'deduction'
	},
	{
		id: 'deduction_total',
		unit: 'money',
		header: (l) => m.att_report_col_deduction_total({}, at(l)),
		value: (r) => r.deduction_total,
		group: 'deduction'
	}
];

/** Every row of a report: agents, team totals and the site's total. */
export function allRows(report: MonthReport): ReportRow[] {
	return [...report.teams.flatMap((t) => [...t.agents, t.total]), ...(report.site ? [report.site] : [])];
}

/** The columns a report shows: every fixed one, and the optional ones some row has a figure in. */
export function columnsFor(report: MonthReport): ReportColumn[] {
	const rows = allRows(report);
	return REPORT_COLUMNS.filter((c) => !c.optional || rows.some((r) => c.value(r) !== 0));
}
