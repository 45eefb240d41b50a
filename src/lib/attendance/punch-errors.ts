// Why the database refused a punch or a PIN, in the user's language: the
// punch migration's CB075–CB079 and the month lock's CB070. Anything else
// falls back to errorDetail (the API's usual reasons, or the words).
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';

function code(err: unknown): string {
	if (typeof err !== 'object' || err === null || !('code' in err)) return '';
	return typeof err.code === 'string' ? err.code : '';
}

export function punchProblem(err: unknown): string {
	switch (code(err)) {
		case 'CB070':
			return m.att_clock_err_month_locked();
		case 'CB075':
			return m.att_clock_err_not_agent();
		case 'CB076':
			return m.att_clock_err_pin();
		case 'CB077':
			return m.att_clock_err_time();
		case 'CB078':
			return m.att_clock_err_duplicate();
		case 'CB079':
			return m.att_clock_err_input();
		default:
			return errorDetail(err);
	}
}
