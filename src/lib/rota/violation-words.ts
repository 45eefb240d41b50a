// A schedule rule's violation in the user's language, worded from the facts
// app.schedule_violations_of gives with it (migration 20261208100000 lists
// them per rule). The SQL's `detail` is English for API users and logs; it
// is shown only for a rule this build has no words for, or facts that are
// not what the rule should carry (an older or newer database).
import { z } from 'zod';
import { formatDay } from '$lib/calendar-format';
import type { Violation } from '$lib/data/rota';
import { m } from '$lib/paraglide/messages';

const minutes = z.number().int();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A time on the site's clock, yyyy-mm-ddThh:mi (the site's zone is already applied). */
const siteMoment = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/** Minutes as "8:30 h" or "8小时30分" (whole hours "8小时", under an hour "30分钟"). */
export function durationWords(total: number): string {
	const h = Math.trunc(total / 60);
	const min = total % 60;
	const mm = String(min).padStart(2, '0');
	if (min === 0) return m.viol_hours_h({ h });
	if (h === 0) return m.viol_hours_m({ mm, min });
	return m.viol_hours_hm({ h, mm, min });
}

const dayWords = (day: string) => formatDay(day, { month: 'short', day: 'numeric' });
const momentWords = (at: string) => `${dayWords(at.slice(0, 10))} ${at.slice(11, 16)}`;
const listWords = (names: readonly string[]) => names.join(m.list_separator());

const LEAVE_KIND: Record<string, () => string> = {
	annual: m.att_req_leave_annual,
	sick: m.att_req_leave_sick,
	personal: m.att_req_leave_personal,
	compensatory: m.att_req_leave_compensatory,
	marriage: m.att_req_leave_marriage,
	maternity: m.att_req_leave_maternity,
	bereavement: m.att_req_leave_bereavement,
	other: m.att_req_leave_other
};

/** One rule's words: its facts' shape, and the sentence made of them (the violation's day when it has one). */
type Words = (facts: unknown, day: string | null) => string | undefined;

function words<S extends z.ZodType>(
	facts: S,
	sentence: (f: z.infer<S>, day: string | null) => string | undefined
): Words {
	return (raw, day) => {
		const parsed = facts.safeParse(raw);
		return parsed.success ? sentence(parsed.data, day) : undefined;
	};
}

const restFacts = z.object({
	starts_at: siteMoment,
	previous_end: siteMoment,
	rest_min: minutes,
	min_rest_min: minutes
});

const RULES: Record<string, Words> = {
	calendar: words(z.object({ year: z.number().int() }), (f) => m.viol_calendar({ year: String(f.year) })),
	rest_days: words(z.object({ days_worked: z.number().int(), min_rest_days: z.number().int() }), (f) =>
		m.viol_rest_days({ days: f.days_worked, rest: f.min_rest_days })
	),
	day_hours: words(z.object({ paid_min: minutes, max_min: minutes }), (f, day) =>
		day
			? m.viol_day_hours({ paid: durationWords(f.paid_min), day: dayWords(day), max: durationWords(f.max_min) })
			: undefined
	),
	week_hours: words(z.object({ paid_min: minutes, max_min: minutes }), (f) =>
		m.viol_week_hours({ paid: durationWords(f.paid_min), max: durationWords(f.max_min) })
	),
	period_hours: words(
		z.object({ total_min: minutes, first_day: isoDay, last_day: isoDay, max_avg_min: minutes, week_min: minutes }),
		(f) =>
			m.viol_period_hours({
				total: durationWords(f.total_min),
				first: dayWords(f.first_day),
				last: dayWords(f.last_day),
				allowed: durationWords(f.max_avg_min),
				week: durationWords(f.week_min)
			})
	),
	rest_between: words(restFacts, (f) =>
		m.viol_rest_between({
			rest: durationWords(f.rest_min),
			start: momentWords(f.starts_at),
			min: durationWords(f.min_rest_min)
		})
	),
	overlap: words(restFacts, (f) =>
		m.viol_overlap({ start: momentWords(f.starts_at), end: momentWords(f.previous_end) })
	),
	template_season: words(
		z.object({
			template: z.string().nullable(),
			problem: z.enum(['missing', 'inactive', 'no_season', 'wrong_season']),
			day: isoDay,
			season: z.string().nullable(),
			valid_seasons: z.array(z.string())
		}),
		(f) => {
			switch (f.problem) {
				case 'missing':
					return m.viol_template_missing();
				case 'inactive':
					return f.template === null ? undefined : m.viol_template_inactive({ template: f.template });
				case 'no_season':
					return m.viol_template_no_season({ day: dayWords(f.day) });
				case 'wrong_season':
					return f.template === null || f.season === null
						? undefined
						: m.viol_template_wrong_season({
								template: f.template,
								seasons: listWords(f.valid_seasons),
								day: dayWords(f.day),
								season: f.season
							});
			}
		}
	),
	skills: words(z.object({ queues: z.array(z.string()).min(1), template: z.string() }), (f) =>
		m.viol_skills({ queues: listWords(f.queues), template: f.template })
	),
	leave: words(z.object({ kind: z.string(), starts_on: isoDay, ends_on: isoDay }), (f) => {
		const kind = LEAVE_KIND[f.kind]?.();
		if (!kind) return undefined;
		return f.starts_on === f.ends_on
			? m.viol_leave_day({ kind, day: dayWords(f.starts_on) })
			: m.viol_leave({ kind, first: dayWords(f.starts_on), last: dayWords(f.ends_on) });
	})
};

/** What a violation means, in the user's language; the database's English words when the app has none. */
export function violationText(v: Pick<Violation, 'rule' | 'day' | 'detail' | 'facts'>): string {
	return (Object.hasOwn(RULES, v.rule) ? RULES[v.rule]?.(v.facts, v.day) : undefined) ?? v.detail;
}
