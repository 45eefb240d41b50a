// Checks a weekly schedule input before any model is built: each problem is
// a RangeError that names the field, since these come from a page's data.
import { WEEK_INTERVALS, type ScheduleInput } from './schedule-model-types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function check(ok: boolean, message: string): asserts ok {
	if (!ok) throw new RangeError(message);
}

const wholeIn = (value: number, low: number, high: number) => Number.isInteger(value) && value >= low && value <= high;
const nonNegative = (value: number) => Number.isFinite(value) && value >= 0;

export function validateScheduleInput(input: ScheduleInput): void {
	const { days, agents, templates, requirements, rules } = input;
	check(days.length === 7 && days.every((d) => DATE.test(d)), 'days must be the seven dates of the week (yyyy-mm-dd)');
	const week = new Set(days);
	check(week.size === 7, 'days must be seven different dates');
	const inWeek = (date: string) => week.has(date);

	check(wholeIn(rules.minRestDaysPerWeek, 0, 7), 'rules.minRestDaysPerWeek must be a whole number from 0 to 7');
	check(nonNegative(rules.maxDayPaidMinutes), 'rules.maxDayPaidMinutes must be a non-negative number');
	check(
		rules.maxWeekPaidMinutes === null || nonNegative(rules.maxWeekPaidMinutes),
		'rules.maxWeekPaidMinutes must be a non-negative number or null'
	);
	check(wholeIn(rules.minMinutesBetweenShifts, 0, 1440), 'rules.minMinutesBetweenShifts must be 0 to 1440 minutes');
	check(
		rules.lateEndMinute === undefined || wholeIn(rules.lateEndMinute, 0, 2880),
		'rules.lateEndMinute must be 0 to 2880 minutes'
	);
	for (const [name, weight] of Object.entries(input.weights ?? {})) {
		check(nonNegative(weight), `weights.${name} must be a non-negative number`);
	}
	check(
		(input.weekendDays ?? []).every((d) => wholeIn(d, 0, 6)),
		'weekendDays must be day numbers 0 (Monday) to 6'
	);

	const templateIds = new Set<string>();
	for (const t of templates) {
		const name = `template ${t.id}`;
		check(!templateIds.has(t.id), `templates: ${name} appears twice`);
		templateIds.add(t.id);
		check(wholeIn(t.startMinute, 0, 1439), `templates: ${name} startMinute must be 0 to 1439`);
		check(wholeIn(t.endMinute, 0, 1439), `templates: ${name} endMinute must be 0 to 1439`);
		check(t.endMinute !== t.startMinute, `templates: ${name} must end at another time than it starts`);
		check(nonNegative(t.paidMinutes), `templates: ${name} paidMinutes must be a non-negative number`);
		check(t.queueIds.length > 0, `templates: ${name} queueIds must name at least one queue`);
		check(
			(t.breaks ?? []).every((b) => wholeIn(b.startMinute, 0, 1440) && wholeIn(b.minutes, 1, 1440)),
			`templates: ${name} breaks need whole startMinute and minutes`
		);
		check((t.validDates ?? []).every(inWeek), `templates: ${name} validDates must be dates of the week`);
	}

	const agentIds = new Set<string>();
	for (const a of agents) {
		const name = `agent ${a.id}`;
		check(!agentIds.has(a.id), `agents: ${name} appears twice`);
		agentIds.add(a.id);
		check((a.leave ?? []).every(inWeek), `agents: ${name} leave must be dates of the week`);
		const lockedDays = new Set<string>();
		for (const lock of a.locked ?? []) {
			check(inWeek(lock.date), `agents: ${name} locked dates must be dates of the week`);
			check(!lockedDays.has(lock.date), `agents: ${name} has two locks on ${lock.date}`);
			lockedDays.add(lock.date);
			check(
				lock.templateId === null || templateIds.has(lock.templateId),
				`agents: ${name} locked template ${lock.templateId} is not among the templates`
			);
		}
		for (const [field, value] of [
			['previousShiftEnd', a.previousShiftEnd],
			['nextShiftStart', a.nextShiftStart]
		] as const) {
			check(!value || LOCAL_TIME.test(value), `agents: ${name} ${field} must be 'yyyy-mm-ddTHH:MM'`);
		}
		for (const cap of a.paidMinuteCaps ?? []) {
			check(cap.dates.every(inWeek), `agents: ${name} paidMinuteCaps dates must be dates of the week`);
			check(nonNegative(cap.maxPaidMinutes), `agents: ${name} paidMinuteCaps maxPaidMinutes must be non-negative`);
		}
		for (const wish of a.preferences ?? []) {
			check(inWeek(wish.date), `agents: ${name} preference dates must be dates of the week`);
			check(
				wish.templateId === null || templateIds.has(wish.templateId),
				`agents: ${name} preference template ${wish.templateId} is not among the templates`
			);
			check(
				wish.weight === undefined || nonNegative(wish.weight),
				`agents: ${name} preference weight must be non-negative`
			);
		}
	}

	for (const r of requirements) {
		check(
			r.agents.length === WEEK_INTERVALS,
			`requirements: queue ${r.queueId} needs ${WEEK_INTERVALS} intervals (7 days × 96), not ${r.agents.length}`
		);
		check(r.agents.every(nonNegative), `requirements: queue ${r.queueId} must be non-negative numbers`);
	}
}
