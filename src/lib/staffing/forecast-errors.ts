// Why the database refused a forecast action, in the user's language. The
// SQL says it in English with a SQLSTATE (CB050–CB054 from the staffing
// migrations, the calendar's CB001); the floor may read Chinese. Anything
// else falls back to errorDetail: the API's usual reasons, or the words.
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';

function field(err: unknown, name: 'code' | 'message'): string {
	if (typeof err !== 'object' || err === null || !(name in err)) return '';
	const value = (err as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : '';
}

export interface ProblemContext {
	/** The queue's name, for "no history". */
	queue: string;
}

export function forecastProblem(err: unknown, context: ProblemContext): string {
	const message = field(err, 'message');
	switch (field(err, 'code')) {
		case 'CB001':
			return m.fc_err_no_calendar({ year: /\d{4}/.exec(message)?.[0] ?? '?' });
		case 'CB050':
			return m.fc_err_not_monday();
		case 'CB051':
			return m.fc_err_no_history({ queue: context.queue });
		case 'CB052':
			return m.fc_err_policy();
		case 'CB053':
			return m.fc_err_adjust();
		case 'CB054':
			return m.fc_err_requirements();
		default:
			return errorDetail(err);
	}
}
