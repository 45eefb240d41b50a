// Small weeks for the solver's specs, and a rule checker written apart from
// the model (from app.schedule_violations_of's wording), so a spec can say
// "no rule broken" without trusting the code under test.
import type { ScheduleAssignment, ScheduleInput, ScheduleTemplate } from './schedule-model-types.ts';

export const WEEK = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];

/** A requirement of `agents` on the clock minutes [from, to) of the given days (0 = Monday). */
export function need(days: readonly number[], from: number, to: number, agents = 1): number[] {
	return Array.from({ length: 672 }, (_, k) => {
		const minute = (k % 96) * 15;
		return days.includes(Math.floor(k / 96)) && minute >= from && minute < to ? agents : 0;
	});
}

export const template = (
	id: string,
	start: number,
	end: number,
	queueIds = ['q'],
	extra: Partial<ScheduleTemplate> = {}
) => ({
	id,
	startMinute: start,
	endMinute: end,
	paidMinutes: end > start ? end - start : 1440 - start + end,
	queueIds,
	...extra
});

export const RULES: ScheduleInput['rules'] = {
	minRestDaysPerWeek: 2,
	maxDayPaidMinutes: 600,
	maxWeekPaidMinutes: 2400,
	minMinutesBetweenShifts: 660
};

/** Days from the week's Monday (negative before it). */
const dayIndex = (date: string) => (Date.parse(`${date}T00:00Z`) - Date.parse(`${WEEK[0]}T00:00Z`)) / 86_400_000;
const localMinutes = (local: string) =>
	dayIndex(local.slice(0, 10)) * 1440 + +local.slice(11, 13) * 60 + +local.slice(14, 16);

/** Every rule the week breaks, in words; locks the input forced are not counted against it. */
export function brokenRules(input: ScheduleInput, assignments: readonly ScheduleAssignment[]): string[] {
	const problems: string[] = [];
	const templates = new Map(input.templates.map((t) => [t.id, t]));
	for (const agent of input.agents) {
		const mine = assignments.filter((a) => a.agentId === agent.id);
		if (mine.length !== 7) problems.push(`${agent.id}: ${mine.length} days, not 7`);
		const worked = mine.filter((a) => a.templateId !== null);
		const locks = new Map((agent.locked ?? []).map((l) => [l.date, l.templateId]));
		for (const [date, templateId] of locks) {
			if (mine.find((a) => a.day === date)?.templateId !== templateId)
				problems.push(`${agent.id}: lock on ${date} not kept`);
		}
		const free = worked.filter((a) => !locks.has(a.day));
		if (worked.length > 7 - input.rules.minRestDaysPerWeek && free.length > 0) problems.push(`${agent.id}: rest_days`);
		const paid = (list: readonly ScheduleAssignment[]) =>
			list.reduce((s, a) => s + (templates.get(a.templateId ?? '')?.paidMinutes ?? 0), 0);
		const weekCap = input.rules.maxWeekPaidMinutes;
		if (weekCap !== null && paid(worked) > weekCap && free.length > 0) problems.push(`${agent.id}: week_hours`);
		for (const cap of agent.paidMinuteCaps ?? []) {
			if (paid(worked.filter((a) => cap.dates.includes(a.day))) > cap.maxPaidMinutes) problems.push(`${agent.id}: cap`);
		}
		const times: [number, number, boolean][] = [];
		for (const shift of worked) {
			const t = templates.get(shift.templateId ?? '');
			if (!t) continue;
			const locked = locks.has(shift.day);
			if (!locked && t.paidMinutes > input.rules.maxDayPaidMinutes)
				problems.push(`${agent.id}: day_hours ${shift.day}`);
			if (!locked && !t.queueIds.every((q) => agent.skills.includes(q)))
				problems.push(`${agent.id}: skills ${shift.day}`);
			if (!locked && (agent.leave ?? []).includes(shift.day)) problems.push(`${agent.id}: leave ${shift.day}`);
			if (!locked && t.validDates && !t.validDates.includes(shift.day))
				problems.push(`${agent.id}: template_season ${shift.day}`);
			const start = dayIndex(shift.day) * 1440 + t.startMinute;
			const span = t.endMinute > t.startMinute ? t.endMinute - t.startMinute : 1440 - t.startMinute + t.endMinute;
			times.push([start, start + span, locked]);
		}
		if (agent.previousShiftEnd) times.push([-Infinity, localMinutes(agent.previousShiftEnd), true]);
		if (agent.nextShiftStart) times.push([localMinutes(agent.nextShiftStart), Infinity, true]);
		times.sort((a, b) => a[0] - b[0]);
		for (let i = 1; i < times.length; i++) {
			const [start, , lockedNow] = times[i] ?? [0, 0, true];
			const [, end, lockedBefore] = times[i - 1] ?? [0, 0, true];
			if (start - end < input.rules.minMinutesBetweenShifts && !(lockedNow && lockedBefore)) {
				problems.push(`${agent.id}: rest_between at ${start}`);
			}
		}
	}
	return problems;
}
