// The outbound workflow's values in the user's language: grades, products,
// sources (best converting first, as DOMAIN.md ranks them), invitation
// states, and times on the site's clock.
import type { Enums } from '$lib/database.types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { LeadGrade, ProductKind } from './follow-up';
import type { LeadSource, LineProblem } from './lead-file';

export type InvitationStatus = Enums<'invitation_status'>;

const GRADE: Record<LeadGrade, () => string> = {
	A: m.outb_grade_A,
	B: m.outb_grade_B,
	C: m.outb_grade_C,
	D: m.outb_grade_D
};
const PRODUCT: Record<ProductKind, () => string> = {
	high_rise: m.outb_product_high_rise,
	villa: m.outb_product_villa,
	other: m.outb_product_other
};
const SOURCE: Record<LeadSource, () => string> = {
	own_project: m.outb_source_own_project,
	outreach: m.outb_source_outreach,
	customer_club: m.outb_source_customer_club,
	agency: m.outb_source_agency,
	sms_intercept: m.outb_source_sms_intercept,
	other: m.outb_source_other
};
const STATUS: Record<InvitationStatus, () => string> = {
	booked: m.outb_status_booked,
	visited: m.outb_status_visited,
	no_show: m.outb_status_no_show,
	cancelled: m.outb_status_cancelled
};
const PROBLEM: Record<LineProblem, () => string> = {
	missing_name: m.outb_imp_missing_name,
	long_name: m.outb_imp_long_name,
	bad_phone: m.outb_imp_bad_phone,
	unknown_source: m.outb_imp_unknown_source,
	unknown_product: m.outb_imp_unknown_product,
	long_notes: m.outb_imp_long_notes
};

export const gradeLabel = (grade: LeadGrade): string => GRADE[grade]();
export const productLabel = (product: ProductKind | null): string =>
	product === null ? m.outb_product_unset() : PRODUCT[product]();
export const sourceLabel = (source: LeadSource): string => SOURCE[source]();
export const statusLabel = (status: InvitationStatus): string => STATUS[status]();
export const problemLabel = (problem: LineProblem): string => PROBLEM[problem]();

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
	const key = `${getLocale()}|${timeZone}|${withDate}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(getLocale(), {
			timeZone,
			...(withDate ? { month: 'numeric', day: 'numeric', weekday: 'short' } : {}),
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(key, f);
	}
	return f;
}

/** An instant as the site's clock shows it, with the day ("12/7 周一 10:00"). */
export const siteDateTime = (iso: string, timeZone: string): string => formatter(timeZone, true).format(new Date(iso));

/** A customer's name short enough for a toast (names run to 100 characters). */
export function shortName(name: string, max = 12): string {
	const chars = [...name];
	return chars.length <= max ? name : `${chars.slice(0, max).join('')}…`;
}
