// Benchmark of the staffing requirement (issue 11): Erlang C required agents
// for 20 queues × 672 intervals (a week of 15-minute intervals), with
// volumes and handle times that vary by queue, weekday and time of day from a
// seeded PRNG. The baseline, measured in the same run on the same week, is the
// textbook implementation written here for the benchmark only: Erlang C from
// powers and factorials, each count recomputed from scratch, searched upward
// from one agent. Both must give the same agents in every interval. Erlang A
// for the same week is timed as well, for information (no goal).
import { erlangA, erlangC, type StaffingGoal } from '../src/lib/staffing/erlang.ts';
import { median, ms, type Row, timeRounds } from './support/stats.ts';

const QUEUES = 20;
const INTERVALS = 7 * 96;
const INTERVAL_SECONDS = 900;
const GOAL: StaffingGoal = { serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 };

interface Interval {
	calls: number;
	ahtSeconds: number;
	targetSeconds: number;
	patienceSeconds: number;
}

/** mulberry32: a small seeded PRNG, so every run staffs the same week. */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * A week per queue: a morning and an afternoon peak, quiet nights (many
 * intervals without calls), weekends at 40–80 % of a weekday, ±15 % noise.
 * Peaks reach 20–240 calls per quarter hour at 150–420 s AHT (up to ~110
 * Erlangs), which keeps the baseline's factorials below 171! (Infinity).
 */
function week(): Interval[] {
	const random = prng(20_260_302);
	const intervals: Interval[] = [];
	for (let queue = 0; queue < QUEUES; queue++) {
		const peak = 20 + random() * 220;
		const aht = 150 + random() * 270;
		const targetSeconds = [10, 20, 30, 60][queue % 4] ?? 20;
		const patienceSeconds = 60 + random() * 240;
		const weekend = 0.4 + random() * 0.4;
		for (let i = 0; i < INTERVALS; i++) {
			const day = Math.floor(i / 96);
			const hour = (i % 96) / 4;
			const shape = Math.exp(-((hour - 10.5) ** 2) / 4) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5);
			const open = hour >= 7 && hour < 22 ? 1 : 0.02;
			const level = peak * shape * open * (day >= 5 ? weekend : 1) * (0.85 + random() * 0.3);
			intervals.push({
				calls: Math.round(level),
				ahtSeconds: Math.round(aht * (0.9 + random() * 0.2)),
				targetSeconds,
				patienceSeconds
			});
		}
	}
	return intervals;
}

/** Erlang C the textbook way: A^N / N! and the sum of A^k / k!, from scratch for each N. */
function naiveWait(intensity: number, agents: number): number {
	let factorial = 1;
	let sum = 0;
	for (let k = 0; k < agents; k++) {
		if (k > 0) factorial *= k;
		sum += Math.pow(intensity, k) / factorial;
	}
	factorial *= agents;
	const top = (Math.pow(intensity, agents) / factorial) * (agents / (agents - intensity));
	return top / (sum + top);
}

function naiveRequired(interval: Interval, goal: Required<StaffingGoal>): number {
	const intensity = (interval.calls * interval.ahtSeconds) / INTERVAL_SECONDS;
	if (intensity === 0) return 0;
	for (let n = 1; ; n++) {
		if (n <= intensity) continue;
		const wait = naiveWait(intensity, n);
		const serviceLevel = 1 - wait * Math.exp((-(n - intensity) * interval.targetSeconds) / interval.ahtSeconds);
		if (serviceLevel >= goal.serviceLevel && intensity / n <= goal.maxOccupancy + 1e-9) {
			return Math.ceil(n / (1 - goal.shrinkage) - 1e-9);
		}
	}
}

// The inputs are object literals of one shape, as a caller mapping forecast
// rows would write them ({ ...row } spreads measured 2–3× slower here).
const inputOf = (it: Interval) => ({
	calls: it.calls,
	ahtSeconds: it.ahtSeconds,
	intervalSeconds: INTERVAL_SECONDS,
	targetSeconds: it.targetSeconds,
	patienceSeconds: it.patienceSeconds
});
const moduleC = (intervals: readonly Interval[]) =>
	intervals.map((it) => erlangC(inputOf(it)).requiredAgents(GOAL).agents);
const moduleA = (intervals: readonly Interval[]) =>
	intervals.map((it) => erlangA(inputOf(it)).requiredAgents(GOAL).agents);
const naiveC = (intervals: readonly Interval[]) =>
	intervals.map((it) => naiveRequired(it, { serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 }));

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export async function benchErlang({ quick }: { quick: boolean }): Promise<Row[]> {
	const rounds = quick ? 5 : 30;
	const intervals = week();
	const ours = moduleC(intervals);
	const naive = naiveC(intervals);
	const differing = ours.filter((agents, i) => agents !== naive[i]).length;
	const withCalls = intervals.filter((it) => it.calls > 0).length;
	const peakErlangs = Math.max(...intervals.map((it) => (it.calls * it.ahtSeconds) / INTERVAL_SECONDS));

	const run = (fn: (all: readonly Interval[]) => number[]) => () => Promise.resolve(fn(intervals));
	await timeRounds(run(moduleC), 3);
	await timeRounds(run(naiveC), 3);
	const fast = median(await timeRounds(run(moduleC), rounds));
	const slow = median(await timeRounds(run(naiveC), rounds));

	const abandoning = moduleA(intervals);
	const roundsA = quick ? 2 : 5;
	const timeA = median(await timeRounds(run(moduleA), roundsA));

	const label = `${QUEUES} queues × ${INTERVALS} intervals (${withCalls} with calls, peak ${peakErlangs.toFixed(0)} Erlangs), 80 % goal, max occupancy 85 %, shrinkage 30 %`;
	return [
		{
			benchmark: `Erlang C requirements, ${label}`,
			figure: `median ${ms(fast)} over ${rounds} runs (${sum(ours)} agent-intervals); baseline factorial/power Erlang C searched from 1 agent ${ms(slow)} (×${(slow / fast).toFixed(1)} slower); ${differing} intervals differ`,
			goal: 'median < 20 ms, same agents as the baseline',
			met: fast < 20 && differing === 0
		},
		{
			benchmark: `Erlang A requirements, same week (mean patience 60–300 s per queue)`,
			figure: `median ${ms(timeA)} over ${roundsA} runs (${sum(abandoning)} agent-intervals, ${(100 * (1 - sum(abandoning) / sum(ours))).toFixed(1)} % fewer than Erlang C)`,
			goal: 'for information',
			met: null
		}
	];
}
