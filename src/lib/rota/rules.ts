// Short names of the schedule rules (app.schedule_violations_of's `rule`
// column) in the user's language; violation-words.ts says the rest from the
// rule's facts (the SQL's English detail only when it has no words).
import { m } from '$lib/paraglide/messages';

const RULES: Record<string, () => string> = {
	calendar: m.rule_calendar,
	rest_days: m.rule_rest_days,
	day_hours: m.rule_day_hours,
	week_hours: m.rule_week_hours,
	period_hours: m.rule_period_hours,
	rest_between: m.rule_rest_between,
	overlap: m.rule_overlap,
	template_season: m.rule_template_season,
	skills: m.rule_skills,
	leave: m.rule_leave
};

/** A rule's name; a rule this build does not know yet shows as the database calls it. */
export const ruleLabel = (rule: string): string => RULES[rule]?.() ?? rule;
