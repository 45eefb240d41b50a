// A slow query never freezes the server (issue 9): agent01's catastrophic
// regex over their own lead is answered with PostgreSQL's statement-timeout
// error (57014, HTTP 500 as PostgREST sends it) at about the deadline, while
// /config.json and an already-joined wall channel's heartbeats keep
// answering, and a sign-in gets through. Afterwards everything written
// before is still there and Broadcast from Database still reaches the wall —
// on PGlite in a data folder that means after its worker was terminated and
// reopened.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/database.types.ts';
import { DEMO_PASSWORD, DEMO_SITE, demoAgent, QUEUE, STAFF } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

/** Short, so the suite is quick; generous enough for a loaded machine's ordinary statements. */
const DEADLINE_MS = 1_500;
/** Exponential backtracking: minutes on either engine for 41 × 'a' + 'b'. */
const ATTACK = '^((a*)(a*)(a*)\\2\\3\\4)*b$';
/** "Keeps answering quickly": far below the deadline, generous for a loaded machine. */
const QUICK_MS = 500;
/** PGlite cannot answer a sign-in while its one connection runs the attack: deadline + worker restart. */
const PGLITE_SIGN_IN_MS = DEADLINE_MS + 10_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('a slow query on %s', (engine) => {
	let server: TestApi;
	let tv: SupabaseClient<Database>;
	const wall: number[] = [];
	const beats: { at: number; ms: number }[] = [];
	let attackLead: string | undefined;

	beforeAll(async () => {
		server = await startTestApi({
			modules: 'app',
			engine,
			database: { onDisk: true, statementTimeoutMs: DEADLINE_MS },
			limits: { statementTimeoutMs: DEADLINE_MS }
		});
		// A wall TV already showing its board: signed in, joined, heartbeating every 100 ms.
		tv = server.anon({ realtime: { heartbeatIntervalMs: 100 } });
		const { error } = await tv.auth.signInWithPassword({ email: STAFF.display.email, password: DEMO_PASSWORD });
		expect(error).toBeNull();
		await tv.realtime.setAuth();
		let sentAt: number | undefined;
		tv.realtime.onHeartbeat((status) => {
			if (status === 'sent') sentAt = performance.now();
			else if (status === 'ok' && sentAt !== undefined)
				beats.push({ at: performance.now(), ms: performance.now() - sentAt });
		});
		const channel = tv
			.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
			.on('broadcast', { event: 'queue_live' }, (message) => {
				wall.push((message.payload as { record: { calls_waiting: number } }).record.calls_waiting);
			});
		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
	});
	afterAll(async () => {
		await server?.close();
	});

	it('answers the regex attack with the statement timeout while config, heartbeats and a sign-in go on', async () => {
		const agent = await server.signedIn(demoAgent(1).email);
		const lead = await agent
			.from('leads')
			.insert({
				site_id: DEMO_SITE,
				owner_agent_id: demoAgent(1).agentId,
				customer_name: `${'a'.repeat(41)}b`,
				phone: '13800000000',
				source: 'other'
			})
			.select('id')
			.single();
		expect(lead.error).toBeNull();
		attackLead = lead.data?.id;

		const started = performance.now();
		let attackDone = false;
		const attack = agent
			.from('leads')
			.select('id')
			.filter('customer_name', 'match', ATTACK)
			.then((answer) => {
				attackDone = true;
				return { ...answer, ms: performance.now() - started };
			});
		await pause(200);

		const signingIn = (async () => {
			const at = performance.now();
			const { error } = await server
				.anon()
				.auth.signInWithPassword({ email: STAFF.supervisor.email, password: DEMO_PASSWORD });
			return { error, ms: performance.now() - at };
		})();
		const configTimes: number[] = [];
		while (!attackDone) {
			const at = performance.now();
			const res = await fetch(`${server.url}/config.json`);
			expect(res.status).toBe(200);
			await res.arrayBuffer();
			configTimes.push(performance.now() - at);
			await pause(50);
		}

		const answered = await attack;
		expect(answered.status).toBe(500);
		expect(answered.error).toEqual({
			code: '57014',
			message: 'canceling statement due to statement timeout',
			details: null,
			hint: null
		});
		expect(answered.ms).toBeGreaterThan(DEADLINE_MS - 100);
		expect(answered.ms).toBeLessThan(DEADLINE_MS + 3_000);

		expect(configTimes.length).toBeGreaterThan(5);
		expect(Math.max(...configTimes)).toBeLessThan(QUICK_MS);
		const during = beats.filter((beat) => beat.at > started && beat.at < started + answered.ms);
		expect(during.length).toBeGreaterThan(5);
		expect(Math.max(...during.map((beat) => beat.ms))).toBeLessThan(QUICK_MS);

		const signIn = await signingIn;
		expect(signIn.error).toBeNull();
		expect(signIn.ms).toBeLessThan(engine === 'postgres' ? QUICK_MS : PGLITE_SIGN_IN_MS);
	});

	it('keeps working afterwards: what was written is there, writes go on, the wall still gets broadcasts', async () => {
		const agent = await server.signedIn(demoAgent(1).email);
		const mine = await agent
			.from('leads')
			.select('id, customer_name')
			.eq('id', attackLead ?? '');
		expect(mine.error).toBeNull();
		expect(mine.data).toEqual([{ id: attackLead, customer_name: `${'a'.repeat(41)}b` }]);

		const write = await server
			.service()
			.from('queue_live')
			.update({ calls_waiting: 42, oldest_waiting_since: new Date().toISOString() })
			.eq('queue_id', QUEUE.sales);
		expect(write.error).toBeNull();
		// Broadcast from Database: on PGlite its LISTEN lives in the reopened worker.
		await waitFor(() => wall.includes(42), 5_000, 'the broadcast of the write');
		expect(tv.realtime.isConnected()).toBe(true);
	});
});
