// What a failure of the report or its month lock means, in the reader's
// language: the report's own refusals (CB090, CB091) by name, the API's
// usual ones (denied, offline, …) through errorDetail, anything else in its
// own words.
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';

export function reportProblem(err: unknown): string {
	const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
	if (code === 'CB090') return m.att_report_err_month();
	if (code === 'CB091') return m.att_report_err_team();
	return errorDetail(err);
}
