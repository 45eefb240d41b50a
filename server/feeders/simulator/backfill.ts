// History for the demo: whole past days simulated as the live simulator
// would have simulated them — the same seed, the day's published schedule
// and its kind in the site calendar, so the same events with the same ids —
// and sent to the ingest in full batches. A day the live simulator already
// sent (or a second backfill) is ignored by the ingest as replays, so the
// two never count a call twice.
import { EventBatcher, noDelivery, type DeliveryStats } from '../ingest-client/event-batcher.ts';
import type { IngestSink } from '../ingest-client/ingest-sink.ts';
import { DaySimulation } from './day-simulation.ts';
import { DEMO_AGENTS, DEMO_DEMAND, DEMO_SITE_ID, DEMO_TIME_ZONE } from './demo-site.ts';
import { addDays, type DaySchedule, type ScheduleSource } from './published-schedule.ts';
import { weeklyCalendar, type CalendarSource, type SiteCalendar } from './site-calendar.ts';
import { parseSiteInstant, siteDayOf, type SiteDay } from './site-time.ts';

export interface BackfillOptions {
	/** The site days to fill, in the order they are sent. */
	days: readonly SiteDay[];
	/** The live simulator's seed (default 42): another seed makes another history. */
	seed?: number;
	/** The live run's tag, when it has one: ids then match that run's. */
	tag?: string;
	sink: IngestSink;
	/** Each day's published schedule; none: fixed hours. */
	schedules?: ScheduleSource;
	/** The site calendar of the days; none: Saturdays and Sundays off, no holidays. */
	calendar?: CalendarSource;
	signal?: AbortSignal;
	log?: (line: string) => void;
	/** Called after each day is handed to the batcher, with how many are done. */
	progress?: (daysDone: number, events: number) => void;
	/**
	 * Refreshes the planner's statistics of the tables the ingest writes,
	 * called each time the events delivered have doubled from 50,000: plans
	 * made while they were nearly empty probe them as if they still were, and
	 * the ingest slows down day after day (PGlite has no autovacuum, and
	 * PostgreSQL's comes too seldom for this). Not sooner: statistics of a few
	 * thousand rows make PostgreSQL plan scans that are slower still.
	 */
	analyze?: () => Promise<void>;
}

export interface BackfillReport {
	days: number;
	events: number;
	byKind: Record<string, number>;
	delivery: DeliveryStats;
	/** Why the backfill ended early, if it did. */
	error?: string;
}

/**
 * A whole day simulated queues up to this many events per lane while the one
 * before is still being delivered, so the simulation runs beside the ingest.
 */
const MAX_QUEUED = 40_000;
const STOP_FLUSH_MS = 500;
const FIRST_ANALYZE_AT = 50_000;

/** The `count` site days before `now`'s day, newest first (yesterday first): the recent past arrives first. */
export function daysBefore(now: number, count: number, timeZone = DEMO_TIME_ZONE): SiteDay[] {
	const today = siteDayOf(now, timeZone).key;
	return Array.from({ length: count }, (_, i) =>
		siteDayOf(parseSiteInstant(`${addDays(today, -(i + 1))}T12:00`, timeZone), timeZone)
	);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Simulates and sends the days; never throws: a failure ends the backfill and is in the report. */
export async function backfillDays(options: BackfillOptions): Promise<BackfillReport> {
	const { days, sink, signal } = options;
	const log = options.log ?? (() => {});
	const seed = options.seed ?? 42;
	const report: BackfillReport = { days: 0, events: 0, byKind: {}, delivery: noDelivery() };
	const batcher = new EventBatcher(sink, { maxQueued: MAX_QUEUED, log });
	report.delivery = batcher.stats;
	let analyzeAt = FIRST_ANALYZE_AT;
	try {
		const calendar = await readCalendar(days, options.calendar, signal, log);
		for (const day of days) {
			if (signal?.aborted || batcher.stopped) break;
			const events = new DaySimulation({
				seed,
				day,
				siteId: DEMO_SITE_ID,
				agents: DEMO_AGENTS,
				demand: DEMO_DEMAND,
				schedule: await scheduleOf(day, options.schedules, signal, log),
				kind: calendar.kindOf(day.key),
				runId: options.tag ? `${options.tag}.${day.key}` : undefined
			}).runUntil(day.end);
			for (const e of events) report.byKind[e.kind] = (report.byKind[e.kind] ?? 0) + 1;
			report.events += events.length;
			report.days += 1;
			await batcher.push(events, signal);
			const delivered = batcher.stats.accepted + batcher.stats.duplicates;
			if (options.analyze && delivered >= analyzeAt) {
				analyzeAt = 2 * delivered;
				await analyzeQuietly(options.analyze, log);
			}
			options.progress?.(report.days, report.events);
		}
		// Stopped: what is queued is dropped at once; the days are sent again next time (no note was written).
		await batcher.flush(signal?.aborted ? STOP_FLUSH_MS : Number.POSITIVE_INFINITY);
		if (batcher.stats.fatal) throw new Error(`the ingest refused delivery: ${batcher.stats.fatal}`);
		if (signal?.aborted) throw new Error('stopped');
	} catch (err) {
		report.error = errorText(err);
	}
	return report;
}

async function analyzeQuietly(analyze: () => Promise<void>, log: (line: string) => void): Promise<void> {
	try {
		await analyze();
	} catch (err) {
		// Only slower without it.
		log(`refreshing the planner's statistics failed: ${errorText(err)}`);
	}
}

async function readCalendar(
	days: readonly SiteDay[],
	source: CalendarSource | undefined,
	signal: AbortSignal | undefined,
	log: (line: string) => void
): Promise<SiteCalendar> {
	const keys = days.map((d) => d.key).sort();
	const [first, last] = [keys[0], keys.at(-1)];
	if (!source || first === undefined || last === undefined) return weeklyCalendar;
	try {
		return await source(first, last, signal);
	} catch (err) {
		// As the live run does: without the calendar, weekends only (a holiday then looks like a working day).
		log(`the site calendar could not be read (${errorText(err)}), so weekends only`);
		return weeklyCalendar;
	}
}

async function scheduleOf(
	day: SiteDay,
	source: ScheduleSource | undefined,
	signal: AbortSignal | undefined,
	log: (line: string) => void
): Promise<DaySchedule | null> {
	if (!source) return null;
	try {
		return await source(day, signal);
	} catch (err) {
		log(`${day.key}: the schedule could not be read (${errorText(err)}), so fixed hours`);
		return null;
	}
}
