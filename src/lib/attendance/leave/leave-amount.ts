// Leave amounts as people type and read them, in the minutes the database
// keeps. A day of leave is 480 minutes (8 hours): the standard day
// app.leave_day_cover counts for a day without a shift and the bound
// public.grant_leave_balance puts on a grant (366 × 480), migration
// 20261207120000. An HR clerk reads "2.5 天（20 小时）"; both parts come
// from the same minutes.
import { m } from '$lib/paraglide/messages';

/** Minutes in one day of leave. */
export const LEAVE_DAY_MIN = 480;
/** The most one grant or take-back may move (grant_leave_balance refuses more). */
export const MAX_CHANGE_MIN = 366 * LEAVE_DAY_MIN;

export type AmountUnit = 'days' | 'hours';
export type AmountProblem = 'empty' | 'not-a-number' | 'step' | 'too-much';
export type AmountCheck = { ok: true; minutes: number } | { ok: false; problem: AmountProblem };

/** Days go in halves (240 minutes), hours in halves (30 minutes). */
const STEP_MIN: Record<AmountUnit, number> = { days: LEAVE_DAY_MIN / 2, hours: 30 };
const UNIT_MIN: Record<AmountUnit, number> = { days: LEAVE_DAY_MIN, hours: 60 };

/** Full-width digits and points (typed with a Chinese input method) and a decimal comma, as ASCII. */
function asciiNumber(text: string): string {
	return text
		.trim()
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/[．。,，]/g, '.');
}

/** "2.5" days → 1200 minutes; a positive amount in halves of the unit, at most a year of days. */
export function amountToMinutes(text: string, unit: AmountUnit): AmountCheck {
	const plain = asciiNumber(text);
	if (plain === '') return { ok: false, problem: 'empty' };
	if (!/^\d+(\.\d+)?$/.test(plain)) return { ok: false, problem: 'not-a-number' };
	const minutes = Number(plain) * UNIT_MIN[unit];
	const steps = minutes / STEP_MIN[unit];
	// Tolerates the binary error of decimals such as 0.1 × 480; anything off a half is refused.
	if (minutes === 0 || Math.abs(steps - Math.round(steps)) > 1e-9) return { ok: false, problem: 'step' };
	const whole = Math.round(steps) * STEP_MIN[unit];
	if (whole > MAX_CHANGE_MIN) return { ok: false, problem: 'too-much' };
	return { ok: true, minutes: whole };
}

/** At most two decimals, none when whole: 2.5, 17.25, 3. */
const short = (n: number): number => Math.round(n * 100) / 100;

/** A number and its unit ("60 小时") never split across lines; the parts of an amount may be. */
const keep = (text: string): string => text.replace(/ /g, '\u00a0');

/**
 * An amount of leave (its size; the sign is the caller's) as days and hours:
 * "2.5 天（20 小时）" on a half-day, "1.5 小时" under a day otherwise,
 * "2 天 1.5 小时（17.5 小时）" above. Each part's spaces are no-break spaces.
 */
export function leaveAmountText(minutes: number): string {
	const size = Math.abs(minutes);
	if (size === 0) return keep(m.att_req_days({ days: 0 }));
	const hours = keep(m.att_req_hours({ hours: short(size / 60) }));
	if (size < LEAVE_DAY_MIN && size % STEP_MIN.days !== 0) return hours;
	const days =
		size % STEP_MIN.days === 0
			? m.att_req_days({ days: size / LEAVE_DAY_MIN })
			: m.att_req_days_hours({ days: Math.trunc(size / LEAVE_DAY_MIN), hours: short((size % LEAVE_DAY_MIN) / 60) });
	return m.leave_amount_both({ days: keep(days), hours });
}

/** A change in the ledger with its sign: "+2.5 天（20 小时）", "−4 小时". */
export function leaveChangeText(minutes: number): string {
	return `${minutes < 0 ? '−' : '+'}${leaveAmountText(minutes)}`;
}
