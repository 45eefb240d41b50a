// The demo history against the real ingest and the demo's real calendar (read
// through the REST API with the service key, as the server's backfill reads
// it): a working Wednesday and the National Day holiday after it, backfilled
// twice and then replayed in part by the live simulator, without a call
// counted twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../ingest-client/events.ts';
import type { IngestSink } from '../ingest-client/ingest-sink.ts';
import { databaseSink } from '../../../tests/support/database-sink.ts';
import { startTestApi, type TestApi } from '../../../tests/support/test-api.ts';
import { backfillDays, daysBefore, type BackfillReport } from './backfill.ts';
import { DEMO_SITE_ID, DEMO_TIME_ZONE, QUEUE } from './demo-site.ts';
import type { IngestEvent } from './ingest-event.ts';
import { supabaseScheduleSource } from './published-schedule.ts';
import { supabaseCalendarSource, type CalendarSource } from './site-calendar.ts';
import { parseSiteInstant, siteDayOf } from './site-time.ts';
import { startSimulator } from './start-simulator.ts';

const day = (key: string) => siteDayOf(parseSiteInstant(`${key}T12:00`, DEMO_TIME_ZONE), DEMO_TIME_ZONE);
const WEDNESDAY = day('2026-09-30');
const NATIONAL_DAY = day('2026-10-01');

interface Totals {
	intervals: string;
	offered: string;
	answered: string;
	handled: string;
	talk_s: string;
	summaries: string;
	states: string;
}

describe('backfilling the demo history', () => {
	let server: TestApi;
	let calendar: CalendarSource;
	const results: IngestResult[] = [];
	const sent: IngestEvent[] = [];
	let first: BackfillReport;

	/** Ingests on the test database, keeping what went in and what the ingest answered. */
	const recordingSink = (): IngestSink => {
		const toDatabase = databaseSink(server.db, (result) => results.push(result));
		return (events) => {
			sent.push(...events);
			return toDatabase(events);
		};
	};
	const backfill = () =>
		backfillDays({
			days: [NATIONAL_DAY, WEDNESDAY],
			sink: recordingSink(),
			calendar,
			schedules: supabaseScheduleSource(server.url, server.keys.service_role_key, DEMO_SITE_ID)
		});
	const totals = async (): Promise<Totals> => {
		const { rows } = await server.db.query<Totals>(
			`select (select count(*) from public.queue_intervals) as intervals,
				(select sum(offered) from public.queue_intervals) as offered,
				(select sum(answered) from public.queue_intervals) as answered,
				(select sum(handled) from public.queue_intervals) as handled,
				(select sum(talk_s) from public.queue_intervals) as talk_s,
				(select count(*) from public.call_summaries) as summaries,
				(select count(*) from public.agent_state_events) as states`
		);
		if (!rows[0]) throw new Error('no totals');
		return rows[0];
	};
	const accepted = () => results.reduce((n, r) => n + r.accepted, 0);
	const duplicates = () => results.reduce((n, r) => n + r.duplicates, 0);

	beforeAll(async () => {
		server = await startTestApi({ modules: ['rest'] });
		calendar = supabaseCalendarSource(server.url, server.keys.service_role_key, DEMO_SITE_ID);
		first = await backfill();
	}, 60_000);

	afterAll(async () => {
		await server?.close();
	});

	it('reads the kind of each day from the site calendar, make-up days included', async () => {
		const year = await calendar('2026-09-01', '2026-10-31');
		expect(year.kindOf('2026-09-30')).toBe('working');
		expect(year.kindOf('2026-10-01')).toBe('holiday');
		expect(year.kindOf('2026-10-04')).toBe('holiday'); // a Sunday inside the holiday span
		expect(year.kindOf('2026-10-10')).toBe('working'); // a Saturday worked to make up for it
		expect(year.kindOf('2026-10-17')).toBe('weekend');
	});

	it('sends every simulated event once, and the ingest stores them all', () => {
		expect(first.error).toBeUndefined();
		expect(first.days).toBe(2);
		expect(first.events).toBe(sent.length);
		expect(accepted()).toBe(sent.length);
		expect(duplicates()).toBe(0);
		// A pure function of the seed, the days and the calendar: these figures change only when the model does.
		expect(first.events).toBe(30_186);
		expect(first.byKind.call_offered).toBe(2_546);
	});

	it('keeps the holiday a holiday: fewer calls, lines closed at night, no outbound dialling', () => {
		const offered = (key: string, queueId: string) =>
			sent.filter((e) => e.kind === 'call_offered' && e.queue_id === queueId && e.event_id.includes(`:${key}:`)).length;
		for (const queueId of [QUEUE.sales, QUEUE.afterSales, QUEUE.complaints]) {
			expect(offered(NATIONAL_DAY.key, queueId)).toBeGreaterThan(0);
			expect(offered(NATIONAL_DAY.key, queueId)).toBeLessThan(0.6 * offered(WEDNESDAY.key, queueId));
		}
		const dials = (key: string) =>
			sent.filter((e) => e.kind === 'call_dialed' && e.event_id.includes(`:${key}:`)).length;
		expect(dials(NATIONAL_DAY.key)).toBe(0);
		expect(dials(WEDNESDAY.key)).toBeGreaterThan(1_000);
	});

	it('fills queue_intervals with what was offered', async () => {
		const { rows } = await server.db.query<{ offered: string }>(
			`select sum(offered) as offered from public.queue_intervals
			 where site_id = $1 and queue_id = $2 and interval_start >= $3 and interval_start < $4`,
			[DEMO_SITE_ID, QUEUE.sales, new Date(WEDNESDAY.start).toISOString(), new Date(WEDNESDAY.end).toISOString()]
		);
		const sales = sent.filter(
			(e) => e.kind === 'call_offered' && e.queue_id === QUEUE.sales && e.event_id.includes(`:${WEDNESDAY.key}:`)
		).length;
		expect(Number(rows[0]?.offered)).toBe(sales);
	});

	it('changes nothing when run again, or when the live simulator replays part of a day', async () => {
		const before = await totals();
		const firstRun = [...sent];
		sent.length = 0;
		results.length = 0;

		const again = await backfill();
		expect(again.error).toBeUndefined();
		expect(sent).toEqual(firstRun);
		expect(accepted()).toBe(0);
		expect(duplicates()).toBe(firstRun.length);
		expect(await totals()).toEqual(before);

		// The live simulator on the same morning, from midnight: the same events under the same ids.
		sent.length = 0;
		results.length = 0;
		const live = await startSimulator({
			speed: 0,
			start: `${WEDNESDAY.key}T10:00`,
			durationMs: 2 * 3_600_000,
			warmup: 'backfill',
			sink: recordingSink(),
			calendar,
			schedules: supabaseScheduleSource(server.url, server.keys.service_role_key, DEMO_SITE_ID),
			log: () => {}
		}).done;
		expect(live.error).toBeUndefined();
		expect(sent.length).toBeGreaterThan(5_000);
		const backfilled = new Map(firstRun.map((e) => [e.event_id, e]));
		for (const e of sent) expect(backfilled.get(e.event_id)).toEqual(e);
		expect(accepted()).toBe(0);
		expect(await totals()).toEqual(before);
	});
});

describe('the days of a history', () => {
	it('are the whole site days before today, newest first', () => {
		// 01:30 on 1 October in Shanghai is still 30 September in UTC.
		const days = daysBefore(Date.parse('2026-09-30T17:30:00Z'), 3, DEMO_TIME_ZONE);
		expect(days.map((d) => d.key)).toEqual(['2026-09-30', '2026-09-29', '2026-09-28']);
		expect(days[0]?.end).toBe(Date.parse('2026-09-30T16:00:00Z'));
	});
});
