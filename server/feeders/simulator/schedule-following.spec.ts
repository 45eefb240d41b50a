// The simulator against the demo's own published schedule: read through the
// REST API with the service key, as a live run reads it; a whole day of next
// week simulated (Monday, with Sunday's night shifts running into it); its
// agent states stored as facts; and adherence measured by app.adherence_at
// through the day. Agents with no shift never come in, and agents on shift
// are in adherence nearly all the time, a few minutes out now and then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../tests/support/test-api.ts';
import { DaySimulation } from './day-simulation.ts';
import { DEMO_AGENTS, DEMO_DEMAND, DEMO_SITE_ID, DEMO_TIME_ZONE } from './demo-site.ts';
import type { EventOf, IngestEvent } from './ingest-event.ts';
import { addDays, supabaseScheduleSource, weekStartOf, type DaySchedule } from './published-schedule.ts';
import { parseSiteInstant, siteDayOf, type SiteDay } from './site-time.ts';

interface AdherenceRow {
	agent_id: string;
	scheduled_activity: string;
	in_adherence: boolean | null;
	minutes_out_today: number;
}

describe('a simulated day of the demo’s published schedule', () => {
	let server: TestApi;
	let day: SiteDay;
	let schedule: DaySchedule | null;
	let states: EventOf<'agent_state'>[];
	const samples: AdherenceRow[][] = [];

	beforeAll(async () => {
		server = await startTestApi({ modules: ['rest'] });
		const today = siteDayOf(Date.now(), DEMO_TIME_ZONE).key;
		day = siteDayOf(parseSiteInstant(`${addDays(weekStartOf(today), 7)}T12:00`, DEMO_TIME_ZONE), DEMO_TIME_ZONE);
		schedule = await supabaseScheduleSource(server.url, server.keys.service_role_key, DEMO_SITE_ID)(day);
		const events: IngestEvent[] = new DaySimulation({
			seed: 42,
			day,
			siteId: DEMO_SITE_ID,
			agents: DEMO_AGENTS,
			demand: DEMO_DEMAND,
			schedule
		}).runUntil(Infinity);
		states = events.filter((e): e is EventOf<'agent_state'> => e.kind === 'agent_state');
		// Next week is in the future, which the ingest refuses: the facts go in as the database owner.
		await server.db.query(
			`insert into public.agent_state_events (event_id, site_id, agent_id, state, reason, queue_id, occurred_at)
			 select x.event_id, x.site_id, x.agent_id, x.state::public.agent_state, x.reason, x.queue_id, x.at
			 from jsonb_to_recordset($1::jsonb)
			   as x (event_id text, site_id uuid, agent_id uuid, state text, reason text, queue_id uuid, at timestamptz)`,
			[JSON.stringify(states)]
		);
		for (let at = day.start + 15 * 60_000; at < day.end; at += 30 * 60_000) {
			const { rows } = await server.db.query<AdherenceRow>(
				'select agent_id, scheduled_activity, in_adherence, minutes_out_today from app.adherence_at($1, $2)',
				[DEMO_SITE_ID, new Date(at).toISOString()]
			);
			samples.push(rows);
		}
	}, 120_000);

	afterAll(async () => {
		await server?.close();
	});

	it('reads the published shifts of the day and of the night before', () => {
		expect(schedule).not.toBeNull();
		const shifts = schedule?.shifts ?? [];
		// Three inbound teams rest two days a week, the outbound team works Monday: most of the 40 are on.
		expect(shifts.filter((s) => s.day === day.key).length).toBeGreaterThan(25);
		expect(shifts.every((s) => s.end > day.start && s.start < day.end)).toBe(true);
	});

	it('brings in exactly the agents who hold a shift that day', () => {
		const cameIn = new Set(states.map((e) => e.agent_id));
		expect(cameIn).toEqual(new Set(schedule?.shifts.map((s) => s.agentId)));
	});

	it('keeps agents on shift in adherence nearly all the time, and judges everyone', () => {
		const all = samples.flat();
		expect(all.every((r) => r.scheduled_activity !== 'unscheduled')).toBe(true);
		const onShift = all.filter((r) => r.scheduled_activity === 'shift');
		expect(onShift.length).toBeGreaterThan(400);
		const inAdherence = onShift.filter((r) => r.in_adherence).length / onShift.length;
		expect(inAdherence).toBeGreaterThan(0.85);
		const off = all.filter((r) => r.scheduled_activity === 'off');
		expect(off.filter((r) => r.in_adherence).length / off.length).toBeGreaterThan(0.95);
	});

	it('ends the day with a few minutes out for most agents, not hours', () => {
		const last = samples.at(-1) ?? [];
		const minutes = last.map((r) => r.minutes_out_today).sort((a, b) => a - b);
		expect(minutes).toHaveLength(40);
		expect(minutes[Math.floor(minutes.length / 2)]).toBeLessThanOrEqual(10);
		expect(minutes.at(-1)).toBeLessThan(120);
	});
});
