// From the database's rows to the solver's plain input and back: a shift
// template as ScheduleTemplate (clock times as minutes, breaks off the
// phones), and a generated week as the rota editor's edits, which
// public.apply_schedule_edits applies to a draft (template times and breaks
// come from the template there, as when a supervisor picks it).
import { z } from 'zod';
import type { ScheduleAssignment, ScheduleTemplate } from './schedule-model-types.ts';

/** 'HH:MM' or 'HH:MM:SS' as minutes after midnight. */
export function clockMinutes(time: string): number {
	const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
	const hours = Number(match?.[1]);
	const minutes = Number(match?.[2]);
	if (!match || hours > 23 || minutes > 59) throw new RangeError(`a clock time is HH:MM, not ${JSON.stringify(time)}`);
	return hours * 60 + minutes;
}

/** shift_templates.breaks: [{ start_min, minutes, paid }]. */
const breaksSchema = z.array(z.object({ start_min: z.number().int(), minutes: z.number().int(), paid: z.boolean() }));

export interface TemplateRow {
	id: string;
	name: string;
	starts_at: string;
	ends_at: string;
	paid_min: number;
	breaks: unknown;
	/** The queues it staffs (shift_template_queues). */
	queues: readonly string[];
}

/**
 * A template row for the solver. `validDates`: the week's dates it may be worked on (active, and a
 * season it applies in covers the date: app.template_problem is null); every date when omitted.
 */
export function scheduleTemplate(row: TemplateRow, validDates?: readonly string[]): ScheduleTemplate {
	const breaks = breaksSchema.safeParse(row.breaks);
	if (!breaks.success) throw new RangeError(`template "${row.name}" has breaks the solver cannot read`);
	return {
		id: row.id,
		name: row.name,
		startMinute: clockMinutes(row.starts_at),
		endMinute: clockMinutes(row.ends_at),
		paidMinutes: row.paid_min,
		// Paid or not, a break is time off the phones.
		breaks: breaks.data.map((b) => ({ startMinute: b.start_min, minutes: b.minutes })),
		queueIds: [...row.queues],
		...(validDates ? { validDates: [...validDates] } : {})
	};
}

/** The `set` and `clear` edits of apply_schedule_edits (the rota's Edit type has them too). */
export type AssignmentEdit =
	{ op: 'set'; agent_id: string; day: string; template_id: string } | { op: 'clear'; agent_id: string; day: string };

/** The edits that make a draft hold exactly the generated week: each agent's day set or cleared. */
export function assignmentEdits(assignments: readonly ScheduleAssignment[]): AssignmentEdit[] {
	return assignments.map((a): AssignmentEdit =>
		a.templateId === null
			? { op: 'clear', agent_id: a.agentId, day: a.day }
			: { op: 'set', agent_id: a.agentId, day: a.day, template_id: a.templateId }
	);
}
