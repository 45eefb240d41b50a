// The template form's working copy: what the inputs hold (a number field
// may be empty) and how it becomes what the database is sent.
import type { ShiftTemplate, TemplateInput } from '$lib/data/shift-setup';
import type { BreakInput } from '$lib/shift-length';
import { hhmm } from './template-format';

export interface BreakRow {
	key: number;
	paid: boolean;
	start_min: number | null;
	minutes: number | null;
}

export interface TemplateDraft {
	name: string;
	startsAt: string;
	endsAt: string;
	breaks: BreakRow[];
	colour: string;
	seasonIds: string[];
	queueIds: string[];
}

/** A new template starts as a day shift with an unpaid hour at lunch. */
export function draftOf(template: ShiftTemplate | null): TemplateDraft {
	if (!template) {
		return {
			name: '',
			startsAt: '09:00',
			endsAt: '18:00',
			breaks: [{ key: 0, paid: false, start_min: 180, minutes: 60 }],
			colour: '#4aa3ff',
			seasonIds: [],
			queueIds: []
		};
	}
	return {
		name: template.name,
		startsAt: hhmm(template.starts_at),
		endsAt: hhmm(template.ends_at),
		breaks: template.breaks.map((b, key) => ({ key, ...b })),
		colour: template.colour,
		seasonIds: [...template.seasonIds],
		queueIds: [...template.queueIds]
	};
}

/** The rows as breaks; an empty field is not a number, which the rule (and the SQL) refuses as malformed. */
export const breakInputs = (rows: readonly BreakRow[]): BreakInput[] =>
	rows.map((r) => ({ paid: r.paid, start_min: r.start_min ?? Number.NaN, minutes: r.minutes ?? Number.NaN }));

export function templateInput(draft: TemplateDraft): TemplateInput {
	return {
		name: draft.name.trim(),
		starts_at: draft.startsAt,
		ends_at: draft.endsAt,
		breaks: breakInputs(draft.breaks),
		colour: draft.colour,
		seasonIds: draft.seasonIds,
		queueIds: draft.queueIds
	};
}
