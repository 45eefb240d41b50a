// startSimulator(): runs the simulated call center against a sink (by default
// rpc('ingest_events') with the service key) until the duration is up or
// stop() is called. Never throws after it has started: problems end the run
// and are reported in `done`. Agents follow the site's published schedules
// and traffic its calendar, both read from the same server with the same key
// (a custom sink reads neither unless given a source).
import { DEMO_AGENTS, DEMO_DEMAND, DEMO_SITE_ID, DEMO_TIME_ZONE } from './demo-site.ts';
import { EventBatcher, noDelivery, type DeliveryStats } from '../ingest-client/event-batcher.ts';
import type { IngestEvent } from '../ingest-client/events.ts';
import type { IngestSink } from '../ingest-client/ingest-sink.ts';
import { resolveServiceKey } from '../ingest-client/service-key.ts';
import { supabaseSink } from '../ingest-client/supabase-sink.ts';
import { supabaseScheduleSource, type ScheduleSource } from './published-schedule.ts';
import { supabaseCalendarSource, type CalendarSource } from './site-calendar.ts';
import type { Clock, RunReport } from './run-simulation.ts';
import { runSimulation } from './run-simulation.ts';
import { formatSiteTime, parseSiteInstant, siteDayOf } from './site-time.ts';
import type { WarmupMode } from './warmup.ts';

export interface SimulatorOptions {
	/** Simulated seconds per real second (default 1: a live day); 0 = as fast as the sink takes events. */
	speed?: number;
	/** Default 42. The same seed and site day always produce the same events and ids. */
	seed?: number;
	/**
	 * Simulated start. A string without an offset is the site's wall-clock time.
	 * Default: now at speed 1 or less; the start of the site's day when faster,
	 * so a fast run replays today up to the present and then goes on live.
	 */
	start?: Date | number | string;
	/** Simulated time to run for; default until stop(). */
	durationMs?: number;
	/** When starting mid-day: send only the present state (default) or everything since midnight. */
	warmup?: WarmupMode;
	/** Keeps event ids apart from other runs with the same seed. */
	tag?: string;
	/** Counting only (a dry run): simulated time may pass the wall clock. */
	mayRunAhead?: boolean;
	/** Where events go; default rpc('ingest_events') at url with key. */
	sink?: IngestSink;
	/** Where the published schedules come from; default: read at url with key when there is no custom sink. */
	schedules?: ScheduleSource;
	/** Where the site calendar comes from; default: read at url with key when there is no custom sink. */
	calendar?: CalendarSource;
	/** Default http://localhost:8080. */
	url?: string;
	/** Service-role key; default $CALLBOARD_SERVICE_ROLE_KEY, else service_role_key in $CALLBOARD_DATA/keys.json. */
	key?: string;
	/** Real-time flush interval of the batcher (default 500 ms). */
	flushMs?: number;
	/** How long stop() keeps trying to deliver what is queued (default 10 s). */
	stopTimeoutMs?: number;
	log?: (line: string) => void;
	/** For tests: a fake real-time clock. */
	clock?: Clock;
}

export interface SimulatorReport extends RunReport {
	delivery: DeliveryStats;
	/** Why the run ended early, if it did (a bad key file, a key the server refuses). */
	error?: string;
}

export interface SimulatorHandle {
	/** Stops simulating, delivers what is queued (bounded by stopTimeoutMs) and resolves. */
	stop(): Promise<void>;
	/** Resolves when the run ends (duration reached or stopped); never rejects. */
	done: Promise<SimulatorReport>;
	/** Resolves once what happened before the start (the warm-up) is delivered, or the run ended; never rejects. */
	warmedUp: Promise<void>;
}

function resolveStart(start: SimulatorOptions['start'], speed: number): number {
	if (start === undefined) {
		const now = Date.now();
		return speed > 1 || speed === 0 ? siteDayOf(now, DEMO_TIME_ZONE).start : now;
	}
	const at = typeof start === 'string' ? parseSiteInstant(start, DEMO_TIME_ZONE) : new Date(start).getTime();
	if (Number.isNaN(at)) throw new RangeError(`simulator: start "${String(start)}" is not a date`);
	return at;
}

export const localTime = (at: number) => formatSiteTime(at, DEMO_TIME_ZONE);

export function startSimulator(options: SimulatorOptions = {}): SimulatorHandle {
	const log = options.log ?? ((line: string) => console.error(`[simulator] ${line}`));
	const speed = options.speed ?? 1;
	if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError('simulator: speed must be 0 or more');
	const seed = options.seed ?? 42;
	const start = resolveStart(options.start, speed);
	const end = options.durationMs === undefined ? undefined : start + options.durationMs;
	const aborter = new AbortController();
	let markWarmedUp = () => {};
	const warmedUp = new Promise<void>((resolve) => (markWarmedUp = resolve));

	const run = async (): Promise<SimulatorReport> => {
		const report: SimulatorReport = { events: 0, byKind: {}, simulatedUntil: start, delivery: noDelivery() };
		try {
			let sink = options.sink;
			let schedules = options.schedules;
			let calendar = options.calendar;
			if (!sink) {
				const url = options.url ?? 'http://localhost:8080';
				const key = await resolveServiceKey(options.key);
				sink = supabaseSink(url, key);
				schedules ??= supabaseScheduleSource(url, key, DEMO_SITE_ID);
				calendar ??= supabaseCalendarSource(url, key, DEMO_SITE_ID);
			}
			const b = new EventBatcher(sink, { flushMs: options.flushMs, log });
			report.delivery = b.stats;
			// Delivery stopped for good (the key refused, say): simulating on would only count dropped events.
			const emit = async (events: IngestEvent[]) => {
				await b.push(events, aborter.signal);
				if (b.stopped) aborter.abort();
			};
			const ran = await runSimulation({
				seed,
				start,
				end,
				speed,
				siteId: DEMO_SITE_ID,
				timeZone: DEMO_TIME_ZONE,
				agents: DEMO_AGENTS,
				demand: DEMO_DEMAND,
				schedules,
				calendar,
				warmup: options.warmup ?? 'snapshot',
				// The live events that follow go out as they come; the warm-up is done once the queue first drains.
				warmedUp: () => void b.flush().then(markWarmedUp),
				mayRunAhead: options.mayRunAhead,
				tag: options.tag,
				emit,
				signal: aborter.signal,
				clock: options.clock,
				progress: (at, events) => log(`simulated up to ${localTime(at)} site time; ${events} events`),
				log
			});
			Object.assign(report, ran);
			await b.flush(options.stopTimeoutMs ?? 10_000);
			if (b.stats.fatal) throw new Error(`the ingest refused delivery: ${b.stats.fatal}`);
		} catch (err) {
			report.error = err instanceof Error ? err.message : String(err);
			log(`stopped: ${report.error}`);
		}
		markWarmedUp();
		return report;
	};

	log(
		`seed ${seed}, start ${localTime(start)} site time, speed ${speed === 0 ? 'max' : `${speed}x`}` +
			(end === undefined ? '' : `, until ${localTime(end)}`)
	);
	const done = run();
	return {
		done,
		warmedUp,
		async stop() {
			aborter.abort();
			await done;
		}
	};
}
