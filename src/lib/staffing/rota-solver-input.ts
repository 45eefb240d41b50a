// The rota editor's week as the schedule solver's input (schedule-model-types.ts),
// and the solver's answer back as shifts the coverage heatmap can count. The
// rules mirror what app.schedule_violations_of checks, so that a generated
// week passes it: a template only on dates where it is active and its
// season applies (no season on a date: no template), no shift on approved
// leave, the neighbouring weeks' shifts for the rest between shifts, the
// site's day, week and rest-day limits. Under averaged hours (综合工时) the
// week is held to the standard weekly limit: a week within it never makes the
// period's average worse, which is the safe side for a generated draft.
import { addDays } from '$lib/calendar-date';
import type { LeaveStretch, RotaAgent, RotaPolicy, RotaTemplate } from '$lib/data/rota';
import type { SeasonPeriod } from '$lib/data/my-schedule';
import type { RotaShift } from '$lib/rota/edits';
import { scheduleTemplate } from './auto-schedule-input';
import type { StaffedShift } from './queue-coverage';
import type { ScheduleAgent, ScheduleAssignment, ScheduleInput } from './schedule-model-types';

export interface RotaWeek {
	days: readonly string[];
	agents: readonly RotaAgent[];
	templates: readonly RotaTemplate[];
	periods: readonly SeasonPeriod[];
	leave: readonly LeaveStretch[];
	policy: RotaPolicy | null;
	/** Per queue, agents required per interval of the week (672). */
	requirements: ReadonlyMap<string, readonly number[]>;
	/** The draft's shifts now: kept as they are when `keepPlaced`. */
	shifts: readonly RotaShift[];
	/** The shifts shown for the weeks before and after (for the rest between shifts). */
	previousWeek: readonly RotaShift[];
	nextWeek: readonly RotaShift[];
	/** Keep every agent-day that already holds a template shift. */
	keepPlaced: boolean;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** 'yyyy-mm-ddTHH:MM' of a shift's end, on the next day when it crosses midnight. */
function endOf(shift: RotaShift): string {
	const overnight = minutesOf(shift.ends_at) <= minutesOf(shift.starts_at);
	return `${overnight ? addDays(shift.day, 1) : shift.day}T${shift.ends_at.slice(0, 5)}`;
}
const startOf = (shift: RotaShift) => `${shift.day}T${shift.starts_at.slice(0, 5)}`;

/** The dates of the week a template may be worked on (app.template_problem is null there). */
export function validDates(
	template: RotaTemplate,
	days: readonly string[],
	periods: readonly SeasonPeriod[]
): string[] {
	if (!template.active) return [];
	return days.filter((day) => {
		const season = periods.find((p) => p.starts_on <= day && day <= p.ends_on)?.season_id;
		if (!season) return false;
		return template.seasons.length === 0 || template.seasons.includes(season);
	});
}

/** Agent-days kept when `keepPlaced`: those holding a template shift. */
export function placedCells(shifts: readonly RotaShift[]): Map<string, string> {
	const placed = new Map<string, string>();
	for (const shift of shifts) {
		if (shift.agent_id !== null && shift.template_id !== null)
			placed.set(`${shift.agent_id}|${shift.day}`, shift.template_id);
	}
	return placed;
}

export function rotaSolverInput(week: RotaWeek): ScheduleInput {
	const placed = week.keepPlaced ? placedCells(week.shifts) : new Map<string, string>();
	const agents = week.agents.map((agent): ScheduleAgent => {
		const own = (list: readonly RotaShift[]) => list.filter((s) => s.agent_id === agent.id);
		const before = own(week.previousWeek).map(endOf).sort().at(-1) ?? null;
		const after = own(week.nextWeek).map(startOf).sort()[0] ?? null;
		return {
			id: agent.id,
			skills: [...agent.skills],
			leave: week.days.filter((day) =>
				week.leave.some((l) => l.agent_id === agent.id && l.starts_on <= day && day <= l.ends_on)
			),
			locked: week.days.flatMap((date) => {
				const templateId = placed.get(`${agent.id}|${date}`);
				return templateId ? [{ date, templateId }] : [];
			}),
			previousShiftEnd: before,
			nextShiftStart: after
		};
	});
	const policy = week.policy;
	return {
		days: week.days,
		agents,
		templates: week.templates
			.filter((t) => t.active)
			.map((t) => scheduleTemplate(t, validDates(t, week.days, week.periods))),
		requirements: [...week.requirements.entries()].map(([queueId, agents]) => ({ queueId, agents })),
		rules: {
			minRestDaysPerWeek: policy?.min_rest_days_per_week ?? 1,
			maxDayPaidMinutes: policy?.max_day_paid_min ?? 480,
			maxWeekPaidMinutes: policy?.max_week_paid_min ?? 2400,
			minMinutesBetweenShifts: policy?.min_rest_between_min ?? 660
		}
	};
}

/** The solver's week as shifts with the templates' times and breaks, for the heatmap and the comparison. */
export function proposedShifts(
	assignments: readonly ScheduleAssignment[],
	templates: readonly RotaTemplate[]
): (StaffedShift & { paid_min: number })[] {
	const byId = new Map(templates.map((t) => [t.id, t]));
	return assignments.flatMap((a) => {
		const template = a.templateId === null ? undefined : byId.get(a.templateId);
		if (!template) return [];
		return [
			{
				agent_id: a.agentId,
				template_id: template.id,
				day: a.day,
				starts_at: template.starts_at,
				ends_at: template.ends_at,
				breaks: template.breaks,
				paid_min: template.paid_min
			}
		];
	});
}
