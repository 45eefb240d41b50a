// The outbound forms as plain tables in the paper forms' column order, for
// the pages and both exports (the attendance report's CSV and XLSX writers):
// the call-effect sheet (the day's figures, then one line per customer
// called), the team ledger (callers, then the total), the week across the
// center and the invitation register. Headers in the chosen language;
// figures stay numbers. Customer fields a reader may not see stay empty.
import type { ReportTable, TableColumn } from '$lib/attendance/report/report-tables';
import type { Enums } from '$lib/database.types';
import {
	FIGURE_KEYS,
	type CallEffectSheet,
	type FigureKey,
	type Figures,
	type LedgerRow,
	type RegisterRow,
	type WeekRow
} from '$lib/data/outbound-ledger';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Opt = { locale: Locale };

const FIGURE_HEADER: Record<FigureKey, (o: Opt) => string> = {
	dialed: (o) => m.ledg_col_dialed({}, o),
	connected: (o) => m.ledg_col_connected({}, o),
	grade_a: (o) => m.ledg_col_grade_a({}, o),
	grade_b: (o) => m.ledg_col_grade_b({}, o),
	grade_c: (o) => m.ledg_col_grade_c({}, o),
	grade_d: (o) => m.ledg_col_grade_d({}, o),
	product_high_rise: (o) => m.ledg_col_product_high_rise({}, o),
	product_villa: (o) => m.ledg_col_product_villa({}, o),
	product_other: (o) => m.ledg_col_product_other({}, o),
	visits: (o) => m.ledg_col_visits({}, o),
	deals_high_rise: (o) => m.ledg_col_deals_high_rise({}, o),
	deals_villa: (o) => m.ledg_col_deals_villa({}, o)
};

const SOURCE: Record<Enums<'lead_source'>, (o: Opt) => string> = {
	own_project: (o) => m.ledg_source_own_project({}, o),
	outreach: (o) => m.ledg_source_outreach({}, o),
	customer_club: (o) => m.ledg_source_customer_club({}, o),
	agency: (o) => m.ledg_source_agency({}, o),
	sms_intercept: (o) => m.ledg_source_sms_intercept({}, o),
	other: (o) => m.ledg_source_other({}, o)
};

const PRODUCT: Record<Enums<'product_kind'>, (o: Opt) => string> = {
	high_rise: (o) => m.ledg_product_high_rise({}, o),
	villa: (o) => m.ledg_product_villa({}, o),
	other: (o) => m.ledg_product_other({}, o)
};

const STATUS: Record<Enums<'invitation_status'>, (o: Opt) => string> = {
	booked: (o) => m.ledg_status_booked({}, o),
	visited: (o) => m.ledg_status_visited({}, o),
	no_show: (o) => m.ledg_status_no_show({}, o),
	cancelled: (o) => m.ledg_status_cancelled({}, o)
};

const text = (header: string): TableColumn => ({ header, unit: 'text' });
const count = (header: string): TableColumn => ({ header, unit: 'count' });

export const figureColumns = (locale: Locale): TableColumn[] =>
	FIGURE_KEYS.map((k) => count(FIGURE_HEADER[k]({ locale })));
export const figureCells = (f: Figures): number[] => FIGURE_KEYS.map((k) => f[k]);

export const sourceLabel = (s: Enums<'lead_source'> | null, locale: Locale): string | null =>
	s ? SOURCE[s]({ locale }) : null;
export const productLabel = (p: Enums<'product_kind'> | null, locale: Locale): string | null =>
	p ? PRODUCT[p]({ locale }) : null;
export const statusLabel = (s: Enums<'invitation_status'>, locale: Locale): string => STATUS[s]({ locale });

/** "高层 · 三居室": the product kind named on the calls and the lead's own words, whichever there are. */
export function demandText(
	product: Enums<'product_kind'> | null,
	demand: string | null,
	locale: Locale
): string | null {
	const parts = [productLabel(product, locale), demand?.trim() || null].filter((p): p is string => !!p);
	return parts.length ? parts.join(' · ') : null;
}

/** An instant as the site's wall clock, "2026-11-30 14:00" (Swedish dates are ISO-shaped). */
export function siteDateTime(iso: string | null, timeZone: string): string | null {
	if (!iso) return null;
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(iso));
}

/** The call-effect sheet: the day's figures (one row), then its customers. */
export function sheetTables(sheet: CallEffectSheet, day: string, locale: Locale): [ReportTable, ReportTable] {
	const o = { locale };
	const f = sheet.figures;
	const figures: ReportTable = {
		name: m.ledg_sheet_day({}, o),
		columns: [
			text(m.ledg_col_date({}, o)),
			text(m.ledg_col_employee_no({}, o)),
			text(m.ledg_col_caller({}, o)),
			...figureColumns(locale)
		],
		rows: [[day, f.employee_no, f.agent_name, ...figureCells(f)]]
	};
	const lines: ReportTable = {
		name: m.ledg_sheet_lines({}, o),
		columns: [
			count(m.ledg_col_no({}, o)),
			text(m.ledg_col_customer({}, o)),
			text(m.ledg_col_phone({}, o)),
			text(m.ledg_col_source({}, o)),
			text(m.ledg_col_grade({}, o)),
			text(m.ledg_col_demand({}, o)),
			text(m.ledg_col_notes({}, o)),
			count(m.ledg_col_calls({}, o)),
			count(m.ledg_col_reached({}, o))
		],
		rows: sheet.lines.map((l, i) => [
			i + 1,
			l.customer_name,
			l.phone,
			sourceLabel(l.source, locale),
			l.grade ?? m.ledg_not_reached({}, o),
			demandText(l.product, l.product_demand, locale),
			l.notes,
			l.calls,
			l.connected
		]),
		lastRowIsTotal: false
	};
	return [figures, lines];
}

/** The team's ledger of a day: one row per caller, then the team's total. */
export function ledgerTable(rows: readonly LedgerRow[], teamName: string, day: string, locale: Locale): ReportTable {
	const o = { locale };
	return {
		name: `${teamName} ${day}`,
		columns: [
			text(m.ledg_col_date({}, o)),
			text(m.ledg_col_employee_no({}, o)),
			text(m.ledg_col_caller({}, o)),
			...figureColumns(locale)
		],
		rows: rows.map((r) => [
			day,
			r.agent_id ? r.employee_no : null,
			r.agent_id ? r.agent_name : m.ledg_total({}, o),
			...figureCells(r)
		])
	};
}

/** The week across the center: each team's days and week, then the center's. */
export function weekTable(rows: readonly WeekRow[], monday: string, locale: Locale): ReportTable {
	const o = { locale };
	return {
		name: `${m.ledg_sheet_week({}, o)} ${monday}`,
		columns: [
			text(m.ledg_col_team({}, o)),
			text(m.ledg_col_date({}, o)),
			count(m.ledg_col_callers({}, o)),
			...figureColumns(locale)
		],
		rows: rows.map((r) => [
			r.team_id ? r.team_name : m.ledg_center({}, o),
			r.day ?? m.ledg_week_total({}, o),
			r.callers,
			...figureCells(r)
		])
	};
}

/** The invitation register in the paper form's columns, and who confirmed each visit and when (the team lead's signature). */
export function registerTable(
	rows: readonly RegisterRow[],
	name: string,
	timeZone: string,
	locale: Locale
): ReportTable {
	const o = { locale };
	return {
		name,
		columns: [
			count(m.ledg_col_no({}, o)),
			text(m.ledg_col_booked_on({}, o)),
			text(m.ledg_col_customer({}, o)),
			text(m.ledg_col_phone({}, o)),
			text(m.ledg_col_source({}, o)),
			text(m.ledg_col_demand({}, o)),
			text(m.ledg_col_appointment({}, o)),
			text(m.ledg_col_caller({}, o)),
			text(m.ledg_col_status({}, o)),
			text(m.ledg_col_confirmed_by({}, o)),
			text(m.ledg_col_confirmed_at({}, o)),
			text(m.ledg_col_deal({}, o))
		],
		rows: rows.map((r, i) => [
			i + 1,
			r.booked_on,
			r.customer_name,
			r.phone,
			sourceLabel(r.source, locale),
			demandText(r.product, r.product_demand, locale),
			siteDateTime(r.appointment_at, timeZone),
			r.agent_name,
			statusLabel(r.status, locale),
			r.confirmed_by_name,
			siteDateTime(r.confirmed_at, timeZone),
			productLabel(r.deal_product, locale)
		]),
		lastRowIsTotal: false
	};
}

/** A file name without characters a file system refuses. */
export function fileName(...parts: string[]): string {
	return parts
		.map((p) => p.replace(/[\\/:*?"<>|\s]+/g, '_'))
		.filter(Boolean)
		.join('-');
}
