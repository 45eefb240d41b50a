// What a queue tile shows, shaped from the queue's settings, its live row and
// today's intervals with the shared formulas (src/lib/metrics). Pure, so the
// boards only draw and the numbers are tested once.
import type { QueueRow } from '$lib/data/wall';
import { abandonLevel, abandonRule, ruledAbandonRate } from '$lib/metrics/abandon-rule';
import {
	abandonedCount,
	answerRate,
	averageHandleTime,
	averageSpeedOfAnswer,
	EMPTY_TOTALS,
	serviceLevel,
	sumIntervals,
	timeoutRate,
	unansweredRate,
	type IntervalTotals,
	type SlFormula
} from '$lib/metrics/queue-metrics';
import type { AgentLiveRow, QueueIntervalRow, QueueLiveRow } from './live-rows';
import { levelAtLeast, levelAtMost, type Level } from './thresholds';

export interface AgentCounts {
	available: number;
	onCall: number;
	wrapUp: number;
	notReady: number;
}

export interface QueueView {
	id: string;
	name: string;
	slThresholdS: number;
	slFormula: SlFormula;
	slTarget: number;
	answerRateTarget: number;
	ahtTargetS: number;
	waiting: number;
	/** Epoch ms the oldest waiting call entered the queue, null when none waits. */
	oldestSince: number | null;
	totals: IntervalTotals;
	sl: number | null;
	answerRate: number | null;
	/** As the queue counts it: with its timeouts when abandonIncludesTimeouts. */
	abandonRate: number | null;
	abandonIncludesTimeouts: boolean;
	/** The highest abandon rate on target (src/lib/metrics/abandon-rule.ts). */
	abandonTarget: number;
	timeoutRate: number | null;
	/** Abandoned + timed out, whatever the abandon rate counts. */
	unansweredRate: number | null;
	ahtS: number | null;
	asaS: number | null;
	agents: AgentCounts;
	levels: { sl: Level; answerRate: Level; abandonRate: Level; aht: Level };
}

export function queueView(
	queue: QueueRow,
	live: QueueLiveRow | undefined,
	intervals: readonly QueueIntervalRow[]
): QueueView {
	const totals = sumIntervals(intervals.filter((r) => r.queue_id === queue.id));
	const slTarget = Number(queue.sl_target);
	const answerRateTarget = Number(queue.answer_rate_target);
	const sl = serviceLevel(totals, queue.sl_formula);
	const answered = answerRate(totals);
	const abandons = abandonRule(queue);
	const abandoned = ruledAbandonRate(totals, abandons);
	const ahtS = averageHandleTime(totals);
	return {
		id: queue.id,
		name: queue.name,
		slThresholdS: queue.sl_threshold_s,
		slFormula: queue.sl_formula,
		slTarget,
		answerRateTarget,
		ahtTargetS: queue.aht_target_s,
		waiting: live?.calls_waiting ?? 0,
		oldestSince: live?.oldest_waiting_since ? Date.parse(live.oldest_waiting_since) : null,
		totals,
		sl,
		answerRate: answered,
		abandonRate: abandoned,
		abandonIncludesTimeouts: abandons.includesTimeouts,
		abandonTarget: abandons.target,
		timeoutRate: timeoutRate(totals),
		unansweredRate: unansweredRate(totals),
		ahtS,
		asaS: averageSpeedOfAnswer(totals),
		agents: {
			available: live?.agents_available ?? 0,
			onCall: live?.agents_on_call ?? 0,
			wrapUp: live?.agents_wrap_up ?? 0,
			notReady: live?.agents_not_ready ?? 0
		},
		levels: {
			sl: levelAtLeast(sl, slTarget),
			answerRate: levelAtLeast(answered, answerRateTarget, 0.05),
			abandonRate: abandonLevel(abandoned, abandons),
			aht: levelAtMost(ahtS, queue.aht_target_s)
		}
	};
}

/** Seconds the oldest call has waited at `now` (server ms), null when none waits. */
export function longestWaitS(oldestSince: number | null, now: number): number | null {
	return oldestSince === null ? null : Math.max(0, (now - oldestSince) / 1000);
}

/** Waiting longer than the SL threshold is amber, longer than twice it red. */
export const waitLevel = (waitS: number | null, thresholdS: number): Level => levelAtMost(waitS, thresholdS, 2);

export interface SiteTotalsView {
	waiting: number;
	oldestSince: number | null;
	totals: IntervalTotals;
	/** Over summed counts with the default formula; each queue counted "within SL" by its own threshold. */
	sl: number | null;
	answerRate: number | null;
	/** Each queue's abandons counted by its own rule (with or without its timeouts). */
	abandonRate: number | null;
	timeoutRate: number | null;
	unansweredRate: number | null;
	ahtS: number | null;
	asaS: number | null;
	agents: AgentCounts;
}

/** Logged-in agents by state, each counted once (a queue's counts include agents shared with other queues). */
export function countAgents(agents: Iterable<Pick<AgentLiveRow, 'state'>>): AgentCounts {
	const counts: AgentCounts = { available: 0, onCall: 0, wrapUp: 0, notReady: 0 };
	for (const { state } of agents) {
		if (state === 'available') counts.available++;
		else if (state === 'on_call') counts.onCall++;
		else if (state === 'wrap_up') counts.wrapUp++;
		else if (state !== 'offline') counts.notReady++;
	}
	return counts;
}

export function siteTotals(
	views: readonly QueueView[],
	agentStates: Iterable<Pick<AgentLiveRow, 'state'>>
): SiteTotalsView {
	const totals = { ...EMPTY_TOTALS };
	let waiting = 0;
	let abandoned = 0;
	let oldestSince: number | null = null;
	for (const v of views) {
		for (const key of Object.keys(totals) as (keyof IntervalTotals)[]) totals[key] += v.totals[key];
		abandoned += abandonedCount(v.totals, v.abandonIncludesTimeouts);
		waiting += v.waiting;
		if (v.oldestSince !== null && (oldestSince === null || v.oldestSince < oldestSince)) oldestSince = v.oldestSince;
	}
	return {
		waiting,
		oldestSince,
		totals,
		sl: serviceLevel(totals, 'offered_minus_short'),
		answerRate: answerRate(totals),
		abandonRate: totals.offered > 0 ? abandoned / totals.offered : null,
		timeoutRate: timeoutRate(totals),
		unansweredRate: unansweredRate(totals),
		ahtS: averageHandleTime(totals),
		asaS: averageSpeedOfAnswer(totals),
		agents: countAgents(agentStates)
	};
}
