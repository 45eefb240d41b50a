// Drives day simulations against a clock: simulated time runs `speed` times
// faster than real time (0 = as fast as the sink takes events), day after
// day until the end or the abort signal. Events are handed to `emit` in time
// order, each with `at` = its simulated instant — never ahead of the wall
// clock: a phone system cannot report the future, and the ingest refuses
// events stamped more than a few minutes ahead. A fast run that reaches the
// present therefore goes on live. Each day's published schedule and its
// kind in the site calendar are read before the day is simulated.
import { DaySimulation } from './day-simulation.ts';
import type { RosterAgent } from './demo-site.ts';
import type { IngestEvent } from './ingest-event.ts';
import type { QueueDemand } from './profile.ts';
import type { DaySchedule, ScheduleSource } from './published-schedule.ts';
import { weeklyCalendar, type CalendarSource, type DayKind } from './site-calendar.ts';
import { nextSiteDay, siteDayOf, type SiteDay } from './site-time.ts';
import { selectWarmup, type WarmupMode } from './warmup.ts';

export interface Clock {
	/** Monotonic milliseconds, for pacing. */
	now(): number;
	/** The wall clock (ms since the epoch) that simulated time may not pass; default Date.now. */
	wallNow?(): number;
	/** Resolves after ms, or early when the signal aborts. */
	sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
	now: () => performance.now(),
	wallNow: () => Date.now(),
	sleep: (ms, signal) =>
		new Promise<void>((resolve) => {
			if (signal.aborted) return resolve();
			const done = () => {
				clearTimeout(timer);
				signal.removeEventListener('abort', done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			signal.addEventListener('abort', done, { once: true });
		})
};

export interface RunOptions {
	seed: number;
	/** Simulated start (ms since the epoch). */
	start: number;
	/** Simulated end, exclusive; none = until aborted. */
	end?: number;
	/** Simulated seconds per real second; 0 = no pacing. */
	speed: number;
	siteId: string;
	timeZone: string;
	agents: readonly RosterAgent[];
	demand: readonly QueueDemand[];
	/** Where each day's published schedule comes from; none: fixed hours every day. */
	schedules?: ScheduleSource;
	/** Where each day's kind (working day, weekend, holiday) comes from; none: Saturdays and Sundays off. */
	calendar?: CalendarSource;
	warmup: WarmupMode;
	/** Called once the warm-up (what happened before the start) has been handed to emit. */
	warmedUp?: () => void;
	/** Whether simulated time may pass the wall clock (default false; true only when nothing is sent). */
	mayRunAhead?: boolean;
	/** Added to the run part of event ids, to keep two deliberately separate runs apart. */
	tag?: string;
	emit: (events: IngestEvent[]) => Promise<void>;
	signal: AbortSignal;
	clock?: Clock;
	/** Called about once a real minute, and at the end, with the simulated time reached. */
	progress?: (simulatedUntil: number, events: number) => void;
	/** Says which days follow a published schedule and which fall back to fixed hours. */
	log?: (line: string) => void;
}

export interface RunReport {
	events: number;
	byKind: Record<string, number>;
	simulatedUntil: number;
}

// At full speed, give timers (batch flushes, stop()) a turn this often.
const STEPS_PER_YIELD = 256;
const PROGRESS_EVERY_MS = 60_000;

const yieldToTimers = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runSimulation(options: RunOptions): Promise<RunReport> {
	const clock = options.clock ?? realClock;
	const wallNow = () => clock.wallNow?.() ?? Date.now();
	const { start, end, speed, signal } = options;
	const report: RunReport = { events: 0, byKind: {}, simulatedUntil: start };
	const emit = async (events: IngestEvent[]) => {
		if (events.length === 0) return;
		report.events += events.length;
		for (const e of events) report.byKind[e.kind] = (report.byKind[e.kind] ?? 0) + 1;
		await options.emit(events);
	};
	const scheduleOf = async (day: SiteDay): Promise<DaySchedule | null> => {
		if (!options.schedules) return null;
		try {
			const schedule = await options.schedules(day, signal);
			options.log?.(
				schedule
					? `${day.key}: following the published schedule (${schedule.shifts.length} shifts)`
					: `${day.key}: no published schedule, so fixed hours`
			);
			return schedule;
		} catch (err) {
			// The floor must not go dark because one read failed: this day runs on fixed hours.
			options.log?.(
				`${day.key}: the schedule could not be read (${err instanceof Error ? err.message : String(err)}), so fixed hours`
			);
			return null;
		}
	};
	const kindOf = async (day: SiteDay): Promise<DayKind> => {
		if (!options.calendar) return weeklyCalendar.kindOf(day.key);
		try {
			return (await options.calendar(day.key, day.key, signal)).kindOf(day.key);
		} catch (err) {
			options.log?.(
				`${day.key}: the site calendar could not be read (${err instanceof Error ? err.message : String(err)}), so weekends only`
			);
			return weeklyCalendar.kindOf(day.key);
		}
	};
	const simulate = async (day: SiteDay) =>
		new DaySimulation({
			seed: options.seed,
			day,
			siteId: options.siteId,
			agents: options.agents,
			demand: options.demand,
			schedule: await scheduleOf(day),
			kind: await kindOf(day),
			runId: options.tag ? `${options.tag}.${day.key}` : undefined
		});

	let sim = await simulate(siteDayOf(start, options.timeZone));
	const before = sim.runUntil(start);
	await emit(selectWarmup(before, sim.activeCallIds(), options.warmup));
	options.warmedUp?.();

	const realStart = clock.now();
	let lastProgress = realStart;
	let steps = 0;
	while (!signal.aborted) {
		const at = sim.peekTime();
		if (at === undefined) {
			if (end !== undefined && sim.day.end >= end) break;
			sim = await simulate(nextSiteDay(sim.day));
			continue;
		}
		if (end !== undefined && at >= end) break;
		const paced = speed > 0 ? realStart + (at - start) / speed - clock.now() : 0;
		const wait = options.mayRunAhead ? paced : Math.max(paced, at - wallNow());
		if (wait > 0) {
			await clock.sleep(wait, signal);
			if (signal.aborted) break;
		} else if (speed === 0 && ++steps % STEPS_PER_YIELD === 0) {
			await yieldToTimers();
			if (signal.aborted) break;
		}
		report.simulatedUntil = at;
		await emit(sim.step());
		if (options.progress && clock.now() - lastProgress >= PROGRESS_EVERY_MS) {
			lastProgress = clock.now();
			options.progress(at, report.events);
		}
	}
	if (!signal.aborted && end !== undefined) report.simulatedUntil = end;
	options.progress?.(report.simulatedUntil, report.events);
	return report;
}
