// The monthly report as plain tables for the exports: a summary (one row
// per team and the site's total), one table per team (its agents and its
// total), and one flat table of everything for CSV. Headers in the chosen
// language; figures stay numbers, so a spreadsheet can add them up.
import type { MonthReport, ReportRow } from '$lib/data/attendance-report';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { columnsFor, type Unit } from './report-columns';

export type Cell = string | number | null;

export interface TableColumn {
	header: string;
	unit: Unit | 'text';
}

export interface ReportTable {
	/** The team's name, or the summary's title. */
	name: string;
	columns: TableColumn[];
	rows: Cell[][];
	/** Whether the last row is a total (bold in Excel); yes unless said (a list of lines, not a roll-up). */
	lastRowIsTotal?: boolean;
}

const text = (header: string): TableColumn => ({ header, unit: 'text' });

function figures(report: MonthReport, locale: Locale) {
	const columns = columnsFor(report);
	return {
		columns: columns.map((c): TableColumn => ({ header: c.header(locale), unit: c.unit })),
		of: (row: ReportRow): Cell[] => columns.map((c) => c.value(row))
	};
}

/** The summary sheet: each team's total with its number of agents, then the site's. */
export function summaryTable(report: MonthReport, locale: Locale): ReportTable {
	const f = figures(report, locale);
	const rows = report.teams.map((t) => [t.name, t.total.agents, ...f.of(t.total)]);
	if (report.site) rows.push([m.att_report_all_teams({}, { locale }), report.site.agents, ...f.of(report.site)]);
	return {
		name: m.att_report_summary({}, { locale }),
		columns: [
			text(m.att_report_col_team({}, { locale })),
			{ header: m.att_report_col_agents({}, { locale }), unit: 'count' },
			...f.columns
		],
		rows
	};
}

/** One sheet per team: its agents by employee number, then its total. */
export function teamTables(report: MonthReport, locale: Locale): ReportTable[] {
	const f = figures(report, locale);
	const total = m.att_report_total({}, { locale });
	return report.teams.map((t) => ({
		name: t.name,
		columns: [
			text(m.att_report_col_employee_no({}, { locale })),
			text(m.att_report_col_name({}, { locale })),
			...f.columns
		],
		rows: [...t.agents.map((a) => [a.employee_no, a.agent_name, ...f.of(a)]), [null, total, ...f.of(t.total)]]
	}));
}

/** Everything in one table (for CSV): each team's agents and total, then the site's total. */
export function flatTable(report: MonthReport, locale: Locale): ReportTable {
	const f = figures(report, locale);
	const total = m.att_report_total({}, { locale });
	const rows: Cell[][] = report.teams.flatMap((t) => [
		...t.agents.map((a) => [t.name, a.employee_no, a.agent_name, ...f.of(a)]),
		[t.name, null, total, ...f.of(t.total)]
	]);
	if (report.site) rows.push([m.att_report_all_teams({}, { locale }), null, total, ...f.of(report.site)]);
	return {
		name: m.att_report_summary({}, { locale }),
		columns: [
			text(m.att_report_col_team({}, { locale })),
			text(m.att_report_col_employee_no({}, { locale })),
			text(m.att_report_col_name({}, { locale })),
			...f.columns
		],
		rows
	};
}

/** The file name of an export, without its extension: e.g. 考勤月报-2026-03. */
export const exportFileName = (month: string, locale: Locale): string => m.att_report_file({ month }, { locale });
