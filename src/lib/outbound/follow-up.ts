// What a call form fills in by itself: the next follow-up a grade suggests
// and the one-key answers of the keyboard-first form (DOMAIN.md "Outbound
// teams": A will visit, B may visit, C is re-called in the monthly cycle,
// D is not called again).
import { addDays } from '$lib/calendar-date';
import type { Enums } from '$lib/database.types';

export type LeadGrade = Enums<'lead_grade'>;
export type ProductKind = Enums<'product_kind'>;

export const GRADES: readonly LeadGrade[] = ['A', 'B', 'C', 'D'];
export const PRODUCTS: readonly ProductKind[] = ['high_rise', 'villa', 'other'];

/**
 * Days from the call to the next follow-up: A tomorrow (the visit time is
 * fixed, confirm it), B in 3 days (resistance: ask again soon), C in 30 days
 * (the recall cycle), D never. A call that did not connect is tried again tomorrow.
 */
export const FOLLOW_UP_DAYS: Readonly<Record<LeadGrade, number | null>> = { A: 1, B: 3, C: 30, D: null };
export const NOT_CONNECTED_DAYS = 1;

/** The suggested next follow-up date (yyyy-mm-dd) after a call on `today`; null for none. */
export function defaultFollowUp(today: string, connected: boolean, grade: LeadGrade | null): string | null {
	if (!connected) return addDays(today, NOT_CONNECTED_DAYS);
	if (grade === null) return null;
	const days = FOLLOW_UP_DAYS[grade];
	return days === null ? null : addDays(today, days);
}

/** Product keys: h 高层 high-rise, v 别墅 villa, o 其他 other. */
export const PRODUCT_KEY: Readonly<Record<ProductKind, string>> = { high_rise: 'h', villa: 'v', other: 'o' };

export type CallKey =
	| { kind: 'grade'; grade: LeadGrade }
	| { kind: 'product'; product: ProductKind }
	| { kind: 'connected'; connected: boolean };

/** What one key press means on the call form (outside its text fields), or null. */
export function callKey(key: string): CallKey | null {
	const k = key.toLowerCase();
	const grade = GRADES.find((g) => g.toLowerCase() === k);
	if (grade) return { kind: 'grade', grade };
	const product = PRODUCTS.find((p) => PRODUCT_KEY[p] === k);
	if (product) return { kind: 'product', product };
	if (k === 'n') return { kind: 'connected', connected: false };
	if (k === 'y') return { kind: 'connected', connected: true };
	return null;
}
