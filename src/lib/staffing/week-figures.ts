// A week's schedule in a few figures, to set two versions side by side (the
// draft as it is against a generated one, or a draft against what is
// published): coverage against the requirement of every queue, the service
// level it would give, paid hours in total and per agent, and how evenly late
// and weekend shifts fall. Late: ending after 21:00 or past midnight (the
// solver's default, schedule-model-types.ts); weekend: Saturday and Sunday.
import { projectionOf, type StaffingQueue, type WeekDemand } from '$lib/data/staffing-week';
import { heatmap } from './heatmap';
import { scheduledByQueue, type CoverageContext, type StaffedShift } from './queue-coverage';

export interface WeekFigures {
	underHours: number;
	overHours: number;
	/** Weighted by forecast calls over every queue with a requirement; null without calls. */
	serviceLevel: number | null;
	paidHours: number;
	/** Paid hours of the agent with the fewest and the most (agents of the team, rest weeks included). */
	agentHours: { min: number; max: number };
	lateMax: number;
	weekendMax: number;
}

const LATE_END_MINUTE = 21 * 60;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function weekFigures(
	days: readonly string[],
	shifts: readonly (StaffedShift & { paid_min: number })[],
	agentIds: readonly string[],
	queues: readonly StaffingQueue[],
	demand: ReadonlyMap<string, WeekDemand>,
	context: CoverageContext
): WeekFigures {
	const scheduled = scheduledByQueue(days, shifts, [...demand.keys()], context);
	let under = 0;
	let over = 0;
	let calls = 0;
	let weighted = 0;
	for (const queue of queues) {
		const need = demand.get(queue.queue_id);
		if (!need) continue;
		const map = heatmap(days, need, scheduled.get(queue.queue_id) ?? [], projectionOf(queue));
		under += map.underHours;
		over += map.overHours;
		const queueCalls = need.calls.reduce((a, b) => a + b, 0);
		if (map.serviceLevel !== null) {
			calls += queueCalls;
			weighted += map.serviceLevel * queueCalls;
		}
	}
	const paid = new Map(agentIds.map((id) => [id, 0]));
	const late = new Map(agentIds.map((id) => [id, 0]));
	const weekend = new Map(agentIds.map((id) => [id, 0]));
	const weekendDays = new Set(days.slice(5));
	for (const shift of shifts) {
		if (shift.agent_id === null || !paid.has(shift.agent_id)) continue;
		const id = shift.agent_id;
		paid.set(id, (paid.get(id) ?? 0) + shift.paid_min);
		const end = minutesOf(shift.ends_at);
		if (end <= minutesOf(shift.starts_at) || end > LATE_END_MINUTE) late.set(id, (late.get(id) ?? 0) + 1);
		if (weekendDays.has(shift.day)) weekend.set(id, (weekend.get(id) ?? 0) + 1);
	}
	const hours = [...paid.values()].map((min) => min / 60);
	return {
		underHours: under,
		overHours: over,
		serviceLevel: calls > 0 ? weighted / calls : null,
		paidHours: hours.reduce((a, b) => a + b, 0),
		agentHours: { min: hours.length ? Math.min(...hours) : 0, max: hours.length ? Math.max(...hours) : 0 },
		lateMax: Math.max(0, ...late.values()),
		weekendMax: Math.max(0, ...weekend.values())
	};
}
