// The weekly schedule MIP over agents: one template or rest per agent per
// day (binary columns), each agent's hard rules as rows, coverage against
// the requirement through one total per day and template (under- and
// over-coverage columns), and fairness and preferences in the objective.
// Rules follow app.schedule_violations_of: rest days, paid minutes a day and
// a week (or the agent's caps under averaged hours), the minimum rest between
// shifts (written as cliques: of the shifts on two days that are too close,
// at most one), skills, leave, the template's season, the supervisor's locks.
//
// `limits` (stage 1's counts per skill group, day and template) caps how many
// of a group take each shift: the two-stage alternative that the benchmark
// measures against the whole model (auto-schedule.ts says which it uses).
import { LinearModel } from './highs.ts';
import type { GroupCounts } from './schedule-model-counts.ts';
import type { PreparedWeek } from './schedule-model-prepare.ts';
import { addCoverageRows, addDayTotals, addFairnessColumns } from './schedule-model-shared.ts';
import type { ScheduleAssignment } from './schedule-model-types.ts';

export interface ScheduleModel {
	model: LinearModel;
	/** shift[a][d]: template index → column. */
	shift: Map<number, number>[][];
}

/** Per agent and day, the template taken, or null for rest. */
export type WeekPlan = (number | null)[][];

const ones = (columns: Iterable<number>) => [...columns].map((c) => [c, 1] as const);

/**
 * The sets of shifts on day d and day d + gap of which at most one can be worked: for each shift,
 * the shifts too close to it on the other day, widened to a maximal clique.
 */
function closeShiftCliques(week: PreparedWeek, first: number[], second: number[], gap: number): [number[], number[]][] {
	const clash = (t: number, u: number) => week.conflicts[gap - 1]?.[t]?.includes(u) === true;
	const found = new Map<string, [number[], number[]]>();
	const keep = (before: number[], after: number[]) => {
		if (before.length > 0 && after.length > 0) found.set(`${before.join()}|${after.join()}`, [before, after]);
	};
	for (const u of second) {
		const before = first.filter((t) => clash(t, u));
		keep(
			before,
			second.filter((v) => before.every((t) => clash(t, v)))
		);
	}
	for (const t of first) {
		const after = second.filter((u) => clash(t, u));
		keep(
			first.filter((s) => after.every((u) => clash(s, u))),
			after
		);
	}
	return [...found.values()];
}

export function buildScheduleModel(week: PreparedWeek, limits?: GroupCounts): ScheduleModel {
	const { templates, agents, weights } = week;
	const model = new LinearModel();
	const shift = agents.map((agent) =>
		agent.allowed.map((ts, d) => {
			const columns = new Map<number, number>();
			const locked = agent.locked[d] !== undefined;
			for (const t of ts) {
				const cost = weights.preference * ((agent.preferenceCost[d]?.get(t) ?? 0) - (agent.restCost[d] ?? 0));
				columns.set(t, model.addColumn({ cost, lower: locked ? 1 : 0, upper: 1, integer: true }));
			}
			// A wish for a template on a day costs its weight unless granted: rest pays it in full.
			model.offset += weights.preference * (agent.restCost[d] ?? 0);
			return columns;
		})
	);

	agents.forEach((agent, a) => {
		const byDay = shift[a] ?? [];
		for (const columns of byDay) if (columns.size > 1) model.addRow(-Infinity, 1, ones(columns.values()));
		const workable = byDay.filter((columns) => columns.size > 0).length;
		if (workable > agent.maxWorkDays)
			model.addRow(-Infinity, agent.maxWorkDays, ones(byDay.flatMap((c) => [...c.values()])));
		const paidTerms = (inDay: (d: number) => boolean) =>
			byDay.flatMap((columns, d) =>
				inDay(d) ? [...columns].map(([t, c]) => [c, templates[t]?.paid ?? 0] as const) : []
			);
		const limit = (inDay: (d: number) => boolean, max: number) => {
			const most = byDay.reduce(
				(s, columns, d) => s + (inDay(d) ? Math.max(0, ...[...columns.keys()].map((t) => templates[t]?.paid ?? 0)) : 0),
				0
			);
			if (Number.isFinite(max) && most > max) model.addRow(-Infinity, max, paidTerms(inDay));
		};
		limit(() => true, agent.weekCap);
		for (const cap of agent.caps) limit((d) => cap.days[d] === true, cap.max);
		for (const gap of [1, 2]) {
			for (let d = 0; d + gap < byDay.length; d++) {
				// Two locked days were the supervisor's call: prepareWeek keeps free days clear of them.
				if (agent.locked[d] !== undefined && agent.locked[d + gap] !== undefined) continue;
				const first = byDay[d] ?? new Map<number, number>();
				const second = byDay[d + gap] ?? new Map<number, number>();
				for (const [before, after] of closeShiftCliques(week, [...first.keys()], [...second.keys()], gap)) {
					model.addRow(
						-Infinity,
						1,
						ones([...before.map((t) => first.get(t) ?? -1), ...after.map((t) => second.get(t) ?? -1)])
					);
				}
			}
		}
	});

	addFairnessColumns(model, week, (counted, fairness, weight) => {
		shift.forEach((byDay) => {
			const mine = byDay.flatMap((columns, d) => [...columns].flatMap(([t, c]) => (counted(d, t) ? [c] : [])));
			if (mine.length === 0) return;
			model.addRow(-Infinity, 0, [[fairness, -1], ...ones(mine)]);
			for (const c of mine) model.addCost(c, -weight / agents.length);
		});
	});

	const onShift = (agentsOf: (a: number) => boolean, d: number, t: number) =>
		shift.flatMap((byDay, a) => {
			const c = agentsOf(a) ? byDay[d]?.get(t) : undefined;
			return c === undefined ? [] : [c];
		});
	if (limits) {
		limits.forEach((byDay, g) =>
			byDay.forEach((byTemplate, d) =>
				byTemplate.forEach((n, t) => {
					const columns = onShift((a) => agents[a]?.group === g, d, t);
					if (columns.length > 0) model.addRow(-Infinity, n, ones(columns));
				})
			)
		);
	}
	addCoverageRows(
		model,
		week,
		addDayTotals(model, week, (d, t) => onShift(() => true, d, t))
	);
	return { model, shift };
}

export function readPlan(schedule: ScheduleModel, values: Float64Array): WeekPlan {
	return schedule.shift.map((byDay) =>
		byDay.map((columns) => {
			for (const [t, c] of columns) if ((values[c] ?? 0) > 0.5) return t;
			return null;
		})
	);
}

/** A plan as column values, to start the whole model from a known schedule. */
export function planValues(schedule: ScheduleModel, plan: WeekPlan): Map<number, number> {
	const values = new Map<number, number>();
	schedule.shift.forEach((byDay, a) =>
		byDay.forEach((columns, d) => {
			for (const [t, c] of columns) values.set(c, plan[a]?.[d] === t ? 1 : 0);
		})
	);
	return values;
}

export function planAssignments(week: PreparedWeek, plan: WeekPlan): ScheduleAssignment[] {
	return week.agents.flatMap((agent, a) =>
		week.days.map((day, d) => {
			const t = plan[a]?.[d];
			return {
				agentId: agent.id,
				day,
				templateId: t === null || t === undefined ? null : (week.templates[t]?.id ?? null)
			};
		})
	);
}
