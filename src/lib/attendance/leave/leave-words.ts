// The leave panel's words: who may grant, a ledger entry's reason and time,
// a typed amount's problem, and the refusals of public.grant_leave_balance
// (migration 20261207120000: CB065 not valid as asked, CB067 the balance
// would fall below zero, 42501 not the site's supervisor, manager or
// admin). Anything else shows the API's usual reasons.
import type { AmountProblem } from './leave-amount';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppRole } from '$lib/shell/nav';

/** The roles grant_leave_balance lets grant and take back; leads and agents only read. */
export const mayGrantLeave = (role: AppRole): boolean =>
	role === 'supervisor' || role === 'manager' || role === 'admin';

/** What the ledger row says happened: requests' own rows in the user's language, a grant's reason as typed. */
export function ledgerReasonText(entry: { minutes: number; reason: string; request_id: string | null }): string {
	if (entry.request_id === null) return entry.reason;
	return entry.minutes < 0 ? m.leave_ledger_taken() : m.leave_ledger_returned();
}

/** "2026年12月6日 10:15" / "Dec 6, 2026, 10:15" in the site's time zone: the ledger spans years. */
export function ledgerStamp(at: string, timeZone: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone,
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(at));
}

const AMOUNT: Record<AmountProblem, () => string> = {
	empty: m.leave_err_amount_empty,
	'not-a-number': m.leave_err_amount_number,
	step: m.leave_err_amount_step,
	'too-much': m.leave_err_amount_too_much
};

export const amountProblemText = (problem: AmountProblem): string => AMOUNT[problem]();

function field(err: unknown, name: 'code' | 'message'): string {
	if (typeof err !== 'object' || err === null || !(name in err)) return '';
	const value = (err as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : '';
}

/** Why a grant or take-back was refused; `balance` is the balance as the page shows it. */
export function leaveGrantProblem(err: unknown, balance: string): string {
	switch (field(err, 'code')) {
		case 'CB065':
			return m.leave_err_invalid({ detail: field(err, 'message') });
		case 'CB067':
			return m.leave_err_below_zero({ balance });
		case '42501':
			return m.leave_err_not_allowed();
		default:
			return errorDetail(err);
	}
}
