// The weekly problem checked and turned into indices: for every agent and
// day the templates they may take (skills, leave, season, the daily limit,
// the rest around the neighbouring weeks and around locked days), their
// limits with locks taken into account, the pairs of shifts too close to
// follow each other, and groups of agents whose skills admit the same
// templates. Rules are the SQL's (app.schedule_violations_of): a template
// needs a skill in every queue it staffs; a week has at least the policy's
// rest days; shifts sit at least the policy's minutes apart.
import { templateCoverage, templateSpan } from './schedule-model-coverage.ts';
import { DEFAULT_WEIGHTS, WEEK_INTERVALS, type ScheduleInput, type ScheduleWeights } from './schedule-model-types.ts';
import { validateScheduleInput } from './schedule-model-validate.ts';

export interface PreparedTemplate {
	id: string;
	start: number;
	span: number;
	paid: number;
	late: boolean;
	coverage: Float64Array;
	queues: number[];
}

export interface PreparedAgent {
	id: string;
	/** Per day, the template indices the agent may take (just the locked one on a locked day). */
	allowed: number[][];
	/** Per day: undefined when free, null for a locked rest day, else the locked template index. */
	locked: (number | null | undefined)[];
	/** Working days allowed: 7 less the rest days, or more when the locks already exceed it. */
	maxWorkDays: number;
	/** Paid minutes over the week (Infinity: no weekly limit), loosened to the locks likewise. */
	weekCap: number;
	caps: { days: boolean[]; max: number }[];
	/** Preference penalties: taking template t on day d costs cost[d][t]; a day's rest costs restCost[d]. */
	preferenceCost: Map<number, number>[];
	restCost: number[];
	/** The group of agents whose skills admit the same templates. */
	group: number;
}

export interface PreparedWeek {
	days: string[];
	queues: string[];
	/** required[q][interval of the week] */
	required: Float64Array[];
	templates: PreparedTemplate[];
	agents: PreparedAgent[];
	groupCount: number;
	/** conflicts[gap - 1][t]: templates that may not follow t on the day `gap` days later. */
	conflicts: number[][][];
	weekend: boolean[];
	weights: ScheduleWeights;
	minRestDays: number;
}

const dayNumber = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;

/** Minutes of a site-local 'yyyy-mm-ddTHH:MM' after Monday 00:00 of the week. */
function minutesIntoWeek(local: string, monday: string): number {
	return (dayNumber(local) - dayNumber(monday)) * 1440 + +local.slice(11, 13) * 60 + +local.slice(14, 16);
}

export function prepareWeek(input: ScheduleInput): PreparedWeek {
	validateScheduleInput(input);
	const { rules } = input;
	const days = [...input.days];
	const dayOf = new Map(days.map((date, d) => [date, d]));
	const queueIds = new Set<string>(input.requirements.map((r) => r.queueId));
	for (const t of input.templates) for (const q of t.queueIds) queueIds.add(q);
	const queues = [...queueIds];
	const queueOf = new Map(queues.map((q, i) => [q, i]));
	const required = queues.map(() => new Float64Array(WEEK_INTERVALS));
	for (const r of input.requirements) {
		const row = required[queueOf.get(r.queueId) ?? -1];
		r.agents.forEach((n, k) => row && (row[k] = (row[k] ?? 0) + n));
	}
	const lateEnd = rules.lateEndMinute ?? 21 * 60;
	const templates: PreparedTemplate[] = input.templates.map((t) => {
		const span = templateSpan(t);
		return {
			id: t.id,
			start: t.startMinute,
			span,
			paid: t.paidMinutes,
			late: t.late ?? t.startMinute + span > lateEnd,
			coverage: templateCoverage(t),
			queues: t.queueIds.map((q) => queueOf.get(q) ?? -1)
		};
	});
	const templateOf = new Map(templates.map((t, i) => [t.id, i]));
	const validOn = input.templates.map((t) =>
		days.map((date) => t.validDates === undefined || t.validDates.includes(date))
	);
	const minRest = rules.minMinutesBetweenShifts;
	// A shift on day d followed by one `gap` days later: too close when the rest is short (or they overlap).
	const tooClose = (a: number, dayA: number, b: number, dayB: number) => {
		const ta = templates[a];
		const tb = templates[b];
		if (!ta || !tb) return false;
		return dayB * 1440 + tb.start - (dayA * 1440 + ta.start + ta.span) < minRest;
	};
	const conflicts = [1, 2].map((gap) =>
		templates.map((_, a) => templates.flatMap((_, b) => (tooClose(a, 0, b, gap) ? [b] : [])))
	);

	const groupKeys = new Map<string, number>();
	const agents = input.agents.map((agent): PreparedAgent => {
		const skills = new Set(agent.skills);
		const byQualification = templates.map((t) => t.queues.every((q) => skills.has(queues[q] ?? '')));
		const key = byQualification.map((ok) => (ok ? '1' : '0')).join('');
		const group = groupKeys.get(key) ?? groupKeys.size;
		groupKeys.set(key, group);

		const locked: (number | null | undefined)[] = days.map(() => undefined);
		for (const lock of agent.locked ?? []) {
			const d = dayOf.get(lock.date) ?? -1;
			locked[d] = lock.templateId === null ? null : (templateOf.get(lock.templateId) ?? null);
		}
		const onLeave = new Set((agent.leave ?? []).map((date) => dayOf.get(date)));
		const previousEnd = agent.previousShiftEnd ? minutesIntoWeek(agent.previousShiftEnd, days[0] ?? '') : null;
		const nextStart = agent.nextShiftStart ? minutesIntoWeek(agent.nextShiftStart, days[0] ?? '') : null;
		const allowed = days.map((_, d) => {
			const lock = locked[d];
			if (lock !== undefined) return lock === null ? [] : [lock];
			if (onLeave.has(d)) return [];
			return templates.flatMap((t, i) => {
				const start = d * 1440 + t.start;
				const ok =
					byQualification[i] &&
					validOn[i]?.[d] &&
					t.paid <= rules.maxDayPaidMinutes &&
					(previousEnd === null || start - previousEnd >= minRest) &&
					(nextStart === null || nextStart - (start + t.span) >= minRest) &&
					// Locked shifts stay: a free day around them keeps its distance.
					locked.every(
						(l, ld) => l === undefined || l === null || (ld < d ? !tooClose(l, ld, i, d) : !tooClose(i, d, l, ld))
					);
				return ok ? [i] : [];
			});
		});
		const lockedShifts = locked.flatMap((l) => (l === undefined || l === null ? [] : [l]));
		const lockedPaidOn = (inDay: (d: number) => boolean) =>
			locked.reduce<number>(
				(sum, l, d) => sum + (l !== undefined && l !== null && inDay(d) ? (templates[l]?.paid ?? 0) : 0),
				0
			);
		const preferenceCost = days.map(() => new Map<number, number>());
		const restCost = days.map(() => 0);
		for (const wish of agent.preferences ?? []) {
			const d = dayOf.get(wish.date) ?? -1;
			const weight = wish.weight ?? 1;
			if (wish.templateId === null) {
				// Working any template that day denies the wish.
				for (let t = 0; t < templates.length; t++) preferenceCost[d]?.set(t, (preferenceCost[d]?.get(t) ?? 0) + weight);
			} else {
				// Anything but that template denies it: rest, or another template.
				const wanted = templateOf.get(wish.templateId) ?? -1;
				restCost[d] = (restCost[d] ?? 0) + weight;
				for (let t = 0; t < templates.length; t++) {
					if (t !== wanted) preferenceCost[d]?.set(t, (preferenceCost[d]?.get(t) ?? 0) + weight);
				}
			}
		}
		return {
			id: agent.id,
			allowed,
			locked,
			maxWorkDays: Math.max(7 - rules.minRestDaysPerWeek, lockedShifts.length),
			weekCap: Math.max(
				rules.maxWeekPaidMinutes ?? Infinity,
				lockedPaidOn(() => true)
			),
			caps: (agent.paidMinuteCaps ?? []).map((cap) => {
				const inCap = days.map((date) => cap.dates.includes(date));
				return {
					days: inCap,
					max: Math.max(
						cap.maxPaidMinutes,
						lockedPaidOn((d) => inCap[d] === true)
					)
				};
			}),
			preferenceCost,
			restCost,
			group
		};
	});
	const weekendDays = new Set(input.weekendDays ?? [5, 6]);
	return {
		days,
		queues,
		required,
		templates,
		agents,
		groupCount: groupKeys.size,
		conflicts,
		weekend: days.map((_, d) => weekendDays.has(d)),
		weights: { ...DEFAULT_WEIGHTS, ...input.weights },
		minRestDays: rules.minRestDaysPerWeek
	};
}
