// Scheduled agents per queue per 15-minute interval of a week, skills-aware:
// a shift staffs the queues of its template that the agent has a skill in,
// and counts fully for each of them (an agent who may take calls of two
// queues is available to both; the requirement of each queue was computed
// on its own, as Erlang does). A shift with custom times and no template
// staffs every queue the agent has a skill in. Breaks are off the phones,
// a night shift's hours after midnight count on the next day, as in the
// rota's headcount strip (src/lib/rota/coverage.ts), which does the counting.
import { coverage, INTERVALS_PER_DAY, type CoverageShift } from '$lib/rota/coverage';

export interface StaffedShift extends CoverageShift {
	agent_id: string | null;
	template_id: string | null;
}

export interface CoverageContext {
	/** Queue ids each template staffs. */
	templateQueues: ReadonlyMap<string, readonly string[]>;
	/** Queue ids each agent has a skill in. */
	agentSkills: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The queues a shift staffs; an open shift (no agent) staffs its template's queues. */
export function queuesOf(shift: StaffedShift, context: CoverageContext): string[] {
	const skills = shift.agent_id === null ? null : (context.agentSkills.get(shift.agent_id) ?? new Set<string>());
	if (shift.template_id === null) return skills ? [...skills] : [];
	const queues = context.templateQueues.get(shift.template_id) ?? [];
	return skills ? queues.filter((q) => skills.has(q)) : [...queues];
}

/** Per queue, the week's 672 interval counts (index day × 96 + interval, site-local). */
export function scheduledByQueue(
	days: readonly string[],
	shifts: readonly StaffedShift[],
	queueIds: readonly string[],
	context: CoverageContext
): Map<string, number[]> {
	const byQueue = new Map<string, StaffedShift[]>(queueIds.map((q) => [q, []]));
	for (const shift of shifts) {
		for (const queue of queuesOf(shift, context)) byQueue.get(queue)?.push(shift);
	}
	return new Map([...byQueue.entries()].map(([queue, list]) => [queue, coverage(days, list).flat()] as const));
}

export const WEEK_INTERVAL_COUNT = 7 * INTERVALS_PER_DAY;
