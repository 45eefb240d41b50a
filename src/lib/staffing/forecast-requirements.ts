// The agents a forecast version needs per interval, computed in the browser
// with the one Erlang module (erlang.ts) and saved through
// save_staffing_requirements, which checks the rows again. The queue's
// policy says Erlang C or A; Erlang A needs the callers' patience, and a
// queue whose history has too few abandons to measure it is staffed with
// Erlang C (the params saved say which model was used).
import * as z from 'zod/mini';
import { erlangA, erlangC, type Staffing } from './erlang';
import { INTERVAL_SECONDS, type IntervalRow } from './forecast-week';

export type StaffingModel = 'erlang_c' | 'erlang_a';

/** What a queue's staffing parameters give the computation (staffing_parameters). */
export interface QueueStaffing {
	model: StaffingModel;
	sl_target: number;
	sl_threshold_s: number;
	max_occupancy: number;
	shrinkage: number;
	patience_s: number | null;
}

/** Saved with the requirements (forecasts.requirement_params). */
export interface RequirementParams {
	model: StaffingModel;
	/** The model the policy asked for, when another had to be used. */
	policy_model?: StaffingModel;
	sl_target: number;
	sl_threshold_s: number;
	max_occupancy: number;
	shrinkage: number;
	patience_s?: number;
	interval_s: number;
}

export interface RequirementRow {
	interval_start: string;
	agents: number;
	raw_agents: number;
	service_level: number;
	occupancy: number;
}

/** The parameters to compute with: the policy's model, or Erlang C when Erlang A has no measured patience. */
export function requirementParams(queue: QueueStaffing): RequirementParams {
	const base = {
		sl_target: queue.sl_target,
		sl_threshold_s: queue.sl_threshold_s,
		max_occupancy: queue.max_occupancy,
		shrinkage: queue.shrinkage,
		interval_s: INTERVAL_SECONDS
	};
	if (queue.model === 'erlang_a') {
		if (queue.patience_s !== null && queue.patience_s > 0) {
			return { model: 'erlang_a', patience_s: queue.patience_s, ...base };
		}
		return { model: 'erlang_c', policy_model: 'erlang_a', ...base };
	}
	return { model: 'erlang_c', ...base };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function staffingOf(row: IntervalRow, params: RequirementParams): Staffing {
	const traffic = {
		calls: Number(row.offered),
		ahtSeconds: Number(row.aht_s),
		intervalSeconds: params.interval_s,
		targetSeconds: params.sl_threshold_s
	};
	const goal = { serviceLevel: params.sl_target, maxOccupancy: params.max_occupancy, shrinkage: params.shrinkage };
	return params.model === 'erlang_a'
		? erlangA({ ...traffic, patienceSeconds: params.patience_s ?? 0 }).requiredAgents(goal)
		: erlangC(traffic).requiredAgents(goal);
}

/** One row per interval of the forecast, in its order. */
export function computeRequirements(rows: readonly IntervalRow[], params: RequirementParams): RequirementRow[] {
	return rows.map((row) => {
		const s = staffingOf(row, params);
		return {
			interval_start: row.interval_start,
			agents: s.agents,
			raw_agents: s.rawAgents,
			service_level: round4(Math.min(1, Math.max(0, s.serviceLevel))),
			occupancy: round4(Math.min(1, Math.max(0, s.occupancy)))
		};
	});
}

const savedParams = z.object({
	model: z.enum(['erlang_c', 'erlang_a']),
	policy_model: z.optional(z.enum(['erlang_c', 'erlang_a'])),
	sl_target: z.number(),
	sl_threshold_s: z.number(),
	max_occupancy: z.number(),
	shrinkage: z.number(),
	patience_s: z.optional(z.number()),
	interval_s: z.number()
});

/** The parameters saved with a version's requirements (forecasts.requirement_params), or null. */
export function parseRequirementParams(json: unknown): RequirementParams | null {
	const parsed = savedParams.safeParse(json);
	return parsed.success ? parsed.data : null;
}

/** Whether requirements saved with `saved` would come out the same with `current`. */
export function sameParams(saved: RequirementParams, current: RequirementParams): boolean {
	const keys = [
		'model',
		'sl_target',
		'sl_threshold_s',
		'max_occupancy',
		'shrinkage',
		'patience_s',
		'interval_s'
	] as const;
	return keys.every((k) => saved[k] === current[k]);
}
