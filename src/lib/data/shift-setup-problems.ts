// Why the database refused a change to seasons or shift templates, in the
// user's language. The database says it in English words and SQLSTATEs
// (constraint names, app.shift_length's sentences, the periods' overlap
// guard, CB040); the floor may read Chinese. Anything not recognised falls
// back to errorDetail: the reason with its code, or the database's own words.
import { formatDay } from '$lib/calendar-format';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { clockAfter } from '$lib/shift-breaks';
import { shiftProblemOfSqlMessage, type ShiftLengthProblem } from '$lib/shift-length';

/** A change that touched no row: removed meanwhile, or RLS hid it. */
export class NothingChanged extends Error {
	constructor() {
		super('nothing was changed: the row is gone, or this account may not change it');
		this.name = 'NothingChanged';
	}
}

function field(err: unknown, name: 'code' | 'message'): string {
	if (typeof err !== 'object' || err === null || !(name in err)) return '';
	const value = (err as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : '';
}

const dayText = (day: string) => formatDay(day, { year: 'numeric', month: 'short', day: 'numeric' });

/** A shift's problem in words; clock times are counted from `startsAt`. */
export function shiftProblemText(problem: ShiftLengthProblem, startsAt: string): string {
	const at = (minute: number) => clockAfter(startsAt, minute);
	switch (problem.kind) {
		case 'same-time':
			return m.tpl_err_same_time();
		case 'malformed':
			return m.tpl_err_malformed();
		case 'too-short':
			return m.tpl_err_too_short({ at: at(problem.startMin), minutes: problem.minutes });
		case 'outside':
			return m.tpl_err_outside({
				at: at(problem.startMin),
				offset: problem.startMin,
				minutes: problem.minutes,
				span: problem.spanMin
			});
		case 'overlap':
			return m.tpl_err_overlap({ at: at(problem.startMin), end: at(problem.previousEnd) });
	}
}

/** Whether a delete was refused because schedules use the template (their foreign key). */
export function isTemplateInUse(err: unknown): boolean {
	return field(err, 'code') === '23503' && field(err, 'message').includes('"schedule_shifts_template_is_in_site"');
}

// Constraint names of the tables, and what each means to the person typing.
const CONSTRAINTS: readonly [string, () => string][] = [
	['season_periods_in_order', m.season_err_order],
	['seasons_day_has_hours', m.season_err_hours],
	['seasons_name_is_not_blank', m.season_err_name],
	['seasons_name_unique_per_site', m.season_err_name_taken],
	['shift_templates_name_is_not_blank', m.tpl_err_name],
	['shift_templates_name_unique_per_site', m.tpl_err_name_taken],
	['shift_templates_colour_is_hex', m.tpl_err_colour],
	['schedule_shifts_template_is_in_site', m.tpl_err_in_use],
	['shift_template_seasons_season_is_in_site', m.tpl_err_link_gone],
	['shift_template_queues_queue_is_in_site', m.tpl_err_link_gone]
];

/**
 * The refusal in words. `startsAt` is the shift's start when a template was
 * being saved, so a break's minute can be told as a clock time.
 */
export function setupProblem(err: unknown, startsAt = '00:00'): string {
	if (err instanceof NothingChanged) return m.tpl_setup_err_nothing_changed();
	const code = field(err, 'code');
	const message = field(err, 'message');
	if (code === '23P01') {
		const clash = /may not overlap: (.+) already covers (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(message);
		if (clash) {
			return m.season_err_overlap({
				season: clash[1] ?? '',
				from: dayText(clash[2] ?? ''),
				to: dayText(clash[3] ?? '')
			});
		}
		return m.season_err_overlap_any();
	}
	if (code === 'CB040') {
		const year = /starts in (\d{4})/.exec(message)?.[1] ?? '';
		return m.season_err_nothing_to_copy({ year });
	}
	if (code === 'P0002') return m.tpl_setup_err_nothing_changed();
	if (code === '23514') {
		const problem = shiftProblemOfSqlMessage(message);
		if (problem) return shiftProblemText(problem, startsAt);
	}
	for (const [constraint, text] of CONSTRAINTS) {
		if (message.includes(`"${constraint}"`)) return text();
	}
	return errorDetail(err);
}
