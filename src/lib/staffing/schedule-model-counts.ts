// The weekly schedule in aggregate: how many agents of each skill group take
// each template on each day, against the requirement. It keeps only what
// every real schedule must also satisfy in total (a group's agents free on a
// day, their working days and paid minutes, the minimum rest between two
// days, the busiest agent carrying at least the mean of late and weekend
// shifts), so its optimum is a lower bound on the full problem's, and its
// counts can cap an assignment of agents (buildScheduleModel's `limits`).
// Small (groups × 7 × templates integer columns). The benchmark measures
// this two-stage way against the one auto-schedule.ts takes.
import { LinearModel } from './highs.ts';
import type { PreparedWeek } from './schedule-model-prepare.ts';
import { addCoverageRows, addDayTotals, addFairnessColumns } from './schedule-model-shared.ts';

/** counts[g][d][t]: agents of group g on template t on day d. */
export type GroupCounts = number[][][];

export interface CountsModel {
	model: LinearModel;
	/** column[g][d][t] of the count, -1 where nobody of the group can take it. */
	column: number[][][];
}

/** An agent's most paid minutes this week: the limits, and the longest shifts open to them. */
function paidBound(week: PreparedWeek, a: number): number {
	const agent = week.agents[a];
	if (!agent) return 0;
	const longest = agent.allowed.map((ts) => Math.max(0, ...ts.map((t) => week.templates[t]?.paid ?? 0)));
	const busiest = [...longest].sort((x, y) => y - x).slice(0, agent.maxWorkDays);
	let bound = Math.min(
		agent.weekCap,
		busiest.reduce((s, p) => s + p, 0)
	);
	for (const cap of agent.caps) {
		bound = Math.min(bound, cap.max + longest.reduce((s, p, d) => s + (cap.days[d] ? 0 : p), 0));
	}
	return bound;
}

const ones = (columns: number[]) => columns.map((c) => [c, 1] as const);

export function buildCountsModel(week: PreparedWeek): CountsModel {
	const { templates, agents, conflicts } = week;
	const model = new LinearModel();
	const days = week.days.map((_, d) => d);
	const everyTemplate = templates.map((_, t) => t);
	const members = Array.from({ length: week.groupCount }, () => [] as number[]);
	agents.forEach((agent, a) => members[agent.group]?.push(a));
	const free = (a: number, d: number) => (agents[a]?.allowed[d]?.length ?? 0) > 0;

	const column = members.map((group) =>
		days.map((d) =>
			everyTemplate.map((t) => {
				const able = group.filter((a) => agents[a]?.allowed[d]?.includes(t)).length;
				if (able === 0) return -1;
				const locked = group.filter((a) => agents[a]?.locked[d] === t).length;
				return model.addColumn({ lower: locked, upper: able, integer: true });
			})
		)
	);
	const cols = (g: number, d: number, ts: readonly number[]) =>
		ts.map((t) => column[g]?.[d]?.[t] ?? -1).filter((c) => c >= 0);

	members.forEach((group, g) => {
		for (const d of days)
			model.addRow(-Infinity, group.filter((a) => free(a, d)).length, ones(cols(g, d, everyTemplate)));
		const workDays = group.reduce(
			(s, a) => s + Math.min(agents[a]?.maxWorkDays ?? 0, days.filter((d) => free(a, d)).length),
			0
		);
		model.addRow(-Infinity, workDays, ones(days.flatMap((d) => cols(g, d, everyTemplate))));
		model.addRow(
			-Infinity,
			group.reduce((s, a) => s + paidBound(week, a), 0),
			days.flatMap((d) =>
				everyTemplate.flatMap((t) => cols(g, d, [t]).map((c) => [c, templates[t]?.paid ?? 0] as const))
			)
		);
		// Agents on t today are not among those on a template too close after it, and the other way round.
		conflicts.forEach((byTemplate, gapIndex) => {
			const gap = gapIndex + 1;
			for (let d = 0; d + gap < days.length; d++) {
				const either = group.filter((a) => free(a, d) || free(a, d + gap)).length;
				byTemplate.forEach((after, t) => {
					if (after.length > 0) model.addRow(-Infinity, either, ones([...cols(g, d, [t]), ...cols(g, d + gap, after)]));
				});
				for (const later of everyTemplate) {
					const before = everyTemplate.filter((t) => byTemplate[t]?.includes(later));
					if (before.length > 1)
						model.addRow(-Infinity, either, ones([...cols(g, d, before), ...cols(g, d + gap, [later])]));
				}
			}
		});
	});

	const totals = addDayTotals(model, week, (d, t) => members.flatMap((_, g) => cols(g, d, [t])));
	addCoverageRows(model, week, totals);
	// A group's busiest agent has at least the group's mean; the team's busiest at least every group's.
	addFairnessColumns(model, week, (counted, fairness, weight) => {
		members.forEach((group, g) => {
			const shifts = days.flatMap((d) =>
				cols(
					g,
					d,
					everyTemplate.filter((t) => counted(d, t))
				)
			);
			if (shifts.length === 0) return;
			model.addRow(-Infinity, 0, [[fairness, -group.length], ...ones(shifts)]);
			for (const c of shifts) model.addCost(c, -weight / agents.length);
		});
	});
	return { model, column };
}

export function readCounts(counts: CountsModel, values: Float64Array): GroupCounts {
	return counts.column.map((byDay) =>
		byDay.map((byTemplate) => byTemplate.map((c) => (c < 0 ? 0 : Math.round(values[c] ?? 0))))
	);
}
