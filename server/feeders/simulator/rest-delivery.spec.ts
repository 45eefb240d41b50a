// The whole path a live run takes: startSimulator → the ingest client →
// supabase-js with the service key → the single box's REST API →
// rpc('ingest_events') on the spec engine's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator.ts';
import { DEMO_SITE_ID } from './demo-site.ts';
import { startTestApi, type TestApi } from '../../../tests/support/test-api.ts';

describe('the simulator through the REST API', () => {
	let server: TestApi;

	beforeAll(async () => {
		server = await startTestApi({ modules: ['rest'] });
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
		expect(report.delivery).toMatchObject({ accepted: report.events, retries: 0, rejected: 0, dropped: 0 });
		expect(lines.filter((l) => l.includes('failed'))).toEqual([]);
		const { rows } = await server.db.query<{ n: string }>(
			'select count(*) as n from public.call_events where site_id = $1',
			[DEMO_SITE_ID]
		);
		expect(Number(rows[0]?.n)).toBe(report.events - (report.byKind.agent_state ?? 0));
	});

	it('stops at once on a refused key: says why once, sends nothing more, and ends the run with the reason', async () => {
		const lines: string[] = [];
		const sim = startSimulator({
			speed: 0,
			start: '2026-11-24T10:30',
			durationMs: 5 * 60_000,
			url: server.url,
			key: server.keys.anon_key,
			log: (line) => lines.push(line)
		});
		const report = await sim.done;
		expect(report.delivery).toMatchObject({ accepted: 0, batches: 0, retries: 0 });
		expect(report.delivery.dropped).toBe(report.events);
		expect(report.error).toMatch(/^the ingest refused delivery: 40[13] 42501/);
		expect(lines.filter((l) => l.startsWith('ingest_events refused'))).toHaveLength(1);
		expect(lines.filter((l) => l.startsWith('ingest_events failed'))).toEqual([]);
	});
});
