// The whole path a live run takes: startSimulator → supabase-js with the
// service key → the single box's REST API → rpc('ingest_events') on PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestServer, type TestServer } from '../../rest/test-server.ts';
import { startSimulator } from '../simulator.ts';
import { DEMO_SITE_ID } from './demo-site.ts';

describe('supabaseSink through the REST API', () => {
	let server: TestServer<unknown>;

	beforeAll(async () => {
		server = await startRestServer<unknown>();
	});

	afterAll(async () => {
		await server?.close();
	});

	it('delivers a quarter hour of simulated calls with the service key', async () => {
		const lines: string[] = [];
		const report = await startSimulator({
			speed: 0,
			start: '2026-11-23T10:30',
			durationMs: 15 * 60_000,
			url: server.url,
			key: server.keys.service_role_key,
			log: (line) => lines.push(line)
		}).done;
		expect(report.error).toBeUndefined();
		expect(report.events).toBeGreaterThan(200);
		expect(report.delivery).toMatchObject({ delivered: report.events, failures: 0, dropped: 0 });
		expect(lines.filter((l) => l.includes('failed'))).toEqual([]);
		const { rows } = await server.db.query<{ n: string }>(
			'select count(*) as n from public.call_events where site_id = $1',
			[DEMO_SITE_ID]
		);
		expect(Number(rows[0]?.n)).toBe(report.events - (report.byKind.agent_state ?? 0));
	});

	it('keeps retrying a refused key, says so once, and gives up once the run is over and stopTimeoutMs has passed', async () => {
		const lines: string[] = [];
		const sim = startSimulator({
			speed: 0,
			start: '2026-11-24T10:30',
			durationMs: 5 * 60_000,
			url: server.url,
			key: server.keys.anon_key,
			stopTimeoutMs: 1500,
			log: (line) => lines.push(line)
		});
		const report = await sim.done;
		expect(report.delivery.delivered).toBe(0);
		expect(report.delivery.failures).toBeGreaterThan(1);
		expect(report.delivery.dropped).toBe(report.events);
		const failures = lines.filter((l) => l.startsWith('ingest_events failed'));
		expect(failures).toHaveLength(1);
		expect(failures[0]).toMatch(/HTTP 401 42501|HTTP 403 42501|permission denied/);
	});
});
