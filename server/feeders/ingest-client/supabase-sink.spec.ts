import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from './events.ts';
import { SinkError } from './ingest-sink.ts';
import { failureKind, retryAfterMs, supabaseSink } from './supabase-sink.ts';
import { DEMO_SITE, QUEUE } from '../../../tests/support/demo.ts';
import { listen, type Listening } from '../../../tests/support/listen.ts';
import { startTestApi, type TestApi } from '../../../tests/support/test-api.ts';

const offered = (n: number): IngestEvent => ({
	event_id: `sink-spec:${n}:offered`,
	site_id: DEMO_SITE,
	kind: 'call_offered',
	queue_id: QUEUE.sales,
	call_id: `sink-spec.${n}`,
	at: '2026-11-20T01:00:00.000Z'
});

const failureOf = (promise: Promise<unknown>) =>
	promise.then(
		() => {
			throw new Error('expected the sink to fail');
		},
		(err: unknown) => {
			if (!(err instanceof SinkError)) throw err;
			return err;
		}
	);

describe('failureKind and retryAfterMs', () => {
	it('sorts statuses into try again, find the bad event, and stop', () => {
		expect([0, 408, 429, 500, 502, 503, 504].map(failureKind)).toEqual(Array(7).fill('transient'));
		expect([400, 409, 413, 422].map(failureKind)).toEqual(Array(4).fill('invalid'));
		expect([401, 403, 404, 405, 406].map(failureKind)).toEqual(Array(5).fill('fatal'));
	});

	it('reads Retry-After as seconds or as a date', () => {
		const now = Date.parse('2026-11-20T01:00:00Z');
		expect(retryAfterMs('3', now)).toBe(3000);
		expect(retryAfterMs('Fri, 20 Nov 2026 01:00:05 GMT', now)).toBe(5000);
		expect(retryAfterMs('Fri, 20 Nov 2026 00:59:00 GMT', now)).toBe(0);
		expect(retryAfterMs(null, now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
	});
});

// A stand-in PostgREST answering /rest/v1/rpc/ingest_events as the test tells it.
describe('supabaseSink against a stand-in server', () => {
	let server: Listening;
	let reply: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: {} };
	const seen: { auth: string | undefined; apikey: string | undefined; path: string | undefined; body: unknown }[] = [];
	const key = 'service-role-key-for-the-test';
	const events = [offered(1), offered(2), offered(3)];

	beforeAll(async () => {
		const stub = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk: Buffer) => (text += chunk.toString()));
			req.on('end', () => {
				const apikey = req.headers.apikey;
				seen.push({
					auth: req.headers.authorization,
					apikey: typeof apikey === 'string' ? apikey : undefined,
					path: req.url,
					body: JSON.parse(text) as unknown
				});
				res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
				res.end(JSON.stringify(reply.body));
			});
		});
		server = await listen(stub);
	});
	afterAll(() => server.close());

	it('posts {events} to rpc/ingest_events with the service key and reads the counts', async () => {
		reply = { status: 200, body: { accepted: 2, duplicates: 1, duplicate_ids: [events[0]?.event_id] } };
		expect(await supabaseSink(server.url, key)(events)).toEqual({ accepted: 2, duplicates: 1 });
		expect(seen.at(-1)).toEqual({
			auth: `Bearer ${key}`,
			apikey: key,
			path: '/rest/v1/rpc/ingest_events',
			body: { events }
		});
	});

	it('counts an answer it cannot read as taken, rather than resend forever', async () => {
		reply = { status: 200, body: 'ok' };
		expect(await supabaseSink(server.url, key)(events)).toEqual({ accepted: 3, duplicates: 0 });
	});

	it('a 503 is transient and carries the Retry-After it came with', async () => {
		reply = {
			status: 503,
			body: { code: 'PGRST000', message: 'database unavailable', details: null, hint: null },
			headers: { 'Retry-After': '7' }
		};
		const failure = await failureOf(supabaseSink(server.url, key)(events));
		expect(failure).toMatchObject({
			kind: 'transient',
			retryAfterMs: 7000,
			message: '503 PGRST000 database unavailable'
		});
	});

	it('a refused batch is invalid and names the bad event when the message does, checking its id', async () => {
		const refusal = (message: string) => ({
			status: 400,
			body: { code: '22023', message, details: null, hint: null }
		});
		const sink = supabaseSink(server.url, key);
		reply = refusal(`events[1] (event_id "${events[1]?.event_id}"): kind is not an event kind`);
		expect(await failureOf(sink(events))).toMatchObject({ kind: 'invalid', badIndex: 1 });
		reply = refusal('events[2]: at is not a time');
		expect(await failureOf(sink(events))).toMatchObject({ kind: 'invalid', badIndex: 2 });
		// An index that does not match the id it quotes, or is past the batch, names nothing.
		reply = refusal('events[0] (event_id "someone-else"): bad');
		expect((await failureOf(sink(events))).badIndex).toBeUndefined();
		reply = refusal('events[9]: bad');
		expect((await failureOf(sink(events))).badIndex).toBeUndefined();
		reply = refusal('too many events');
		expect(await failureOf(sink(events))).toMatchObject({ kind: 'invalid', badIndex: undefined });
	});

	it('a refused key is fatal', async () => {
		reply = { status: 401, body: { code: '42501', message: 'permission denied for function ingest_events' } };
		expect(await failureOf(supabaseSink(server.url, key)(events))).toMatchObject({ kind: 'fatal' });
	});

	it('no server at all is transient', async () => {
		const nowhere = supabaseSink('http://127.0.0.1:9', key, { timeoutMs: 2000 });
		expect(await failureOf(nowhere(events))).toMatchObject({ kind: 'transient' });
	});
});

// The real thing: the single box's REST API over a migrated, seeded database.
describe('supabaseSink through the REST API', () => {
	let server: TestApi;
	let keys: TestApi['keys'];

	beforeAll(async () => {
		server = await startTestApi({ modules: ['rest'] });
		keys = server.keys;
	});
	afterAll(async () => {
		await server?.close();
	});

	it('stores a batch, and counts a replay as duplicates', async () => {
		const sink = supabaseSink(server.url, keys.service_role_key);
		expect(await sink([offered(10), offered(11)])).toEqual({ accepted: 2, duplicates: 0 });
		expect(await sink([offered(10), offered(11), offered(12)])).toEqual({ accepted: 1, duplicates: 2 });
	});

	it('names the event the ingest refuses', async () => {
		const sink = supabaseSink(server.url, keys.service_role_key);
		const stranger = { ...offered(21), queue_id: '9e000000-0000-4000-8000-000000000999' };
		const failure = await failureOf(sink([offered(20), stranger, offered(22)]));
		expect(failure).toMatchObject({ kind: 'invalid', badIndex: 1 });
		expect(failure.message).toMatch(/^400 22023 events\[1\]/);
	});

	it('the anon key is refused for good', async () => {
		const failure = await failureOf(supabaseSink(server.url, keys.anon_key)([offered(30)]));
		expect(failure.kind).toBe('fatal');
		expect(failure.message).toMatch(/^40[13] 42501/);
	});
});
