// Generates a team's week: the driver around HiGHS. One model, the whole
// week over agents (schedule-model.ts), in three steps sharing one time limit:
//  1. relaxation — the model as an LP. Its optimum is a lower bound on every
//     schedule the rules allow, and its solution is whole for all but a few
//     hundred of the thousands of agent-day-template columns (the rules are
//     written as cliques and coverage goes through per-day totals, which
//     keeps the relaxation tight).
//  2. rounding — those few columns decided as a small MIP, the others fixed
//     as the relaxation has them: a schedule, typically within 0.01 % of the
//     bound.
//  3. search — only if that is not within `relativeGap` yet: the whole MIP
//     started from the rounded schedule, until it is, or the time is up.
// Measured on 200 agents × 7 days × 8 templates (bench/staffing-solver.ts,
// a shared 2-core machine): this way 1.7 s to a gap of 0.01 %; HiGHS on the
// whole MIP alone 8.9 s (it needs cut rounds and a sub-MIP of its own to find
// that schedule); counts per skill group first (schedule-model-counts.ts),
// agents assigned within them after, 3.7 s and 0.27 % worse.
import type { Highs } from 'highs';
import {
	loadSolver,
	relativeGap,
	relaxation,
	roundingNeighbourhood,
	solveModel,
	type SolveProgress,
	type SolveResult
} from './highs.ts';
import { scorePlan } from './schedule-model-evaluate.ts';
import { prepareWeek } from './schedule-model-prepare.ts';
import { buildScheduleModel, planAssignments, readPlan, type WeekPlan } from './schedule-model.ts';
import type { CoverageGap, ScheduleAssignment, ScheduleInput, ScheduleScore } from './schedule-model-types.ts';

export type AutoScheduleStatus = 'optimal' | 'time-limit' | 'infeasible' | 'cancelled';
export type AutoScheduleStage = 'relaxation' | 'rounding' | 'search';

export interface AutoScheduleProgress {
	stage: AutoScheduleStage;
	/** Since autoSchedule started. */
	seconds: number;
	/** The best schedule's objective so far (null before there is one). */
	objective: number | null;
	/** The best proven lower bound on any schedule's objective. */
	bound: number | null;
	gap: number | null;
}

export interface AutoScheduleStageReport {
	stage: AutoScheduleStage;
	/** HiGHS's outcome; 'stopped': ended as soon as its schedule was within relativeGap of the bound. */
	status: SolveResult['status'];
	seconds: number;
	objective: number | null;
	bound: number | null;
}

export interface AutoScheduleResult {
	/**
	 * optimal: within relativeGap of the bound (proven); time-limit: the clock ran out first (the
	 * schedule is the best found, maybe only the locked days); infeasible: the rules admit no week;
	 * cancelled: stopped by the page (see auto-schedule-client.ts).
	 */
	status: AutoScheduleStatus;
	/** The schedule's objective: weighted under- and over-coverage, fairness, preferences. */
	objective: number | null;
	/** No schedule the rules allow has a lower objective than this. */
	bound: number | null;
	/** (objective − bound) / objective. */
	gap: number | null;
	seconds: number;
	/** Every agent and day of the week: a template, or rest (null). */
	assignments: ScheduleAssignment[];
	underCoverage: CoverageGap;
	overCoverage: CoverageGap;
	score: ScheduleScore | null;
	stages: AutoScheduleStageReport[];
}

export interface AutoScheduleOptions {
	/** The whole run's limit; 30 s by default. */
	timeLimitSeconds?: number;
	/** Stop when the gap is at most this; 0.5 % by default. */
	relativeGap?: number;
	onProgress?: (progress: AutoScheduleProgress) => void;
	/** A loaded runtime, or where the browser finds highs.wasm (see highs.ts). */
	highs?: Highs;
	wasmUrl?: string;
}

export async function autoSchedule(
	input: ScheduleInput,
	options: AutoScheduleOptions = {}
): Promise<AutoScheduleResult> {
	const started = performance.now();
	const elapsed = () => (performance.now() - started) / 1000;
	const limit = options.timeLimitSeconds ?? 30;
	if (!(limit > 0)) throw new RangeError('timeLimitSeconds must be a positive number');
	const targetGap = options.relativeGap ?? 0.005;
	if (!(targetGap >= 0 && targetGap < 1)) throw new RangeError('relativeGap must be at least 0 and below 1');
	const week = prepareWeek(input);
	const highs = options.highs ?? (await loadSolver(options.wasmUrl));
	const stages: AutoScheduleStageReport[] = [];
	const report = (stage: AutoScheduleStage, result: SolveResult) =>
		stages.push({
			stage,
			status: result.status,
			seconds: result.seconds,
			objective: result.objective,
			bound: result.bound
		});

	const data = buildScheduleModel(week);
	const model = data.model.toModelData();
	let bound: number | null = null;
	let best: SolveResult | null = null;
	const combined = (objective: number | null, own: number | null) => {
		const b = Math.max(bound ?? -Infinity, own ?? -Infinity);
		const lower = Number.isFinite(b) ? Math.min(b, objective ?? Infinity) : null;
		return { bound: lower, gap: objective === null || lower === null ? null : relativeGap(objective, lower) };
	};
	const closeEnough = (objective: number | null, own: number | null = null) => {
		const { gap } = combined(objective, own);
		return gap !== null && gap <= targetGap;
	};
	const watch = (stage: AutoScheduleStage) => ({
		onProgress: (p: SolveProgress) =>
			options.onProgress?.({ stage, seconds: elapsed(), objective: p.objective, ...combined(p.objective, p.bound) }),
		stopWhen: (p: SolveProgress) => closeEnough(p.objective, p.bound)
	});
	const left = (share = 1) => Math.max(0.01, (limit - elapsed()) * share);

	// The relaxation: its optimum bounds every schedule, and its solution is mostly whole already.
	const relaxed = solveModel(highs, relaxation(model), {
		timeLimitSeconds: left(0.5),
		highsOptions: { presolve: 'off' }
	});
	report('relaxation', relaxed);
	if (relaxed.status === 'infeasible') return finish('infeasible', null, null);
	bound = relaxed.bound;
	options.onProgress?.({ stage: 'relaxation', seconds: elapsed(), objective: null, bound, gap: null });

	// Rounding: the fractional part of the relaxation decided as a small MIP.
	if (relaxed.values && relaxed.status === 'optimal') {
		const rounded = solveModel(highs, roundingNeighbourhood(model, relaxed.values), {
			timeLimitSeconds: left(0.5),
			relativeGap: targetGap,
			...watch('rounding')
		});
		report('rounding', rounded);
		if (rounded.values) best = rounded;
	}

	// The search: the whole MIP from the rounded schedule, until close enough to the bound.
	if (!best || !closeEnough(best.objective)) {
		const searched = solveModel(highs, model, {
			timeLimitSeconds: left(),
			relativeGap: targetGap,
			...(best?.values ? { start: best.values } : {}),
			...watch('search')
		});
		report('search', searched);
		if (searched.status === 'infeasible') return finish('infeasible', null, null);
		bound = Math.max(bound ?? -Infinity, searched.bound ?? -Infinity);
		if (searched.values && (best?.objective ?? Infinity) >= (searched.objective ?? Infinity)) best = searched;
	}
	const plan = best?.values ? readPlan(data, best.values) : lockedOnly();
	return finish(null, plan, Number.isFinite(bound) ? bound : null);

	/** With no schedule found in time: the supervisor's locks, rest elsewhere. */
	function lockedOnly(): WeekPlan {
		return week.agents.map((agent) => agent.locked.map((t) => (t === undefined ? null : t)));
	}

	function finish(forced: AutoScheduleStatus | null, plan: WeekPlan | null, lower: number | null): AutoScheduleResult {
		const score = plan ? scorePlan(week, plan) : null;
		const objective = score?.objective ?? null;
		const b = lower === null || objective === null ? lower : Math.min(lower, objective);
		const gap = objective === null || b === null ? null : relativeGap(objective, b);
		const none: CoverageGap = { agentIntervals: 0, agentHours: 0 };
		return {
			status: forced ?? (gap !== null && gap <= targetGap + 1e-9 ? 'optimal' : 'time-limit'),
			objective,
			bound: b,
			gap,
			seconds: elapsed(),
			assignments: plan ? planAssignments(week, plan) : [],
			underCoverage: score?.underCoverage ?? none,
			overCoverage: score?.overCoverage ?? none,
			score,
			stages
		};
	}
}
