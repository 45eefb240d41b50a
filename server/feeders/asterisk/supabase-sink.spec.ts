import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../../tests/support/listen.ts';
import { SinkError } from './event-batcher.ts';
import { supabaseSink } from './supabase-sink.ts';

// A stand-in PostgREST answering /rest/v1/rpc/ingest_events as told by the test.
describe('supabaseSink', () => {
	let server: Listening;
	let url: string;
	let reply: { status: number; body: unknown } = { status: 200, body: {} };
	const seen: { auth: string | undefined; apikey: string | undefined; path: string | undefined; body: unknown }[] = [];

	beforeAll(async () => {
		const stub = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk: Buffer) => (text += chunk.toString()));
			req.on('end', () => {
				seen.push({
					auth: req.headers.authorization,
					apikey: req.headers.apikey as string | undefined,
					path: req.url,
					body: JSON.parse(text) as unknown
				});
				res.writeHead(reply.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(reply.body));
			});
		});
		server = await listen(stub);
		url = server.url;
	});
	afterAll(() => server.close());

	const key = 'service-role-key-for-the-test';
	const events = [
		{
			event_id: 'ast:x:offered',
			site_id: '5a000000-0000-4000-8000-000000000001',
			kind: 'call_offered' as const,
			queue_id: '9e000000-0000-4000-8000-000000000001',
			call_id: '1.1',
			at: '2026-11-20T01:00:00.000Z'
		}
	];

	it('posts {events} to rpc/ingest_events with the service key and reads the counts', async () => {
		reply = { status: 200, body: { accepted: 0, duplicates: 1, duplicate_ids: ['ast:x:offered'] } };
		const result = await supabaseSink(url, key)(events);
		expect(result).toEqual({ accepted: 0, duplicates: 1 });
		expect(seen.at(-1)).toEqual({
			auth: `Bearer ${key}`,
			apikey: key,
			path: '/rest/v1/rpc/ingest_events',
			body: { events }
		});
	});

	it('a refused batch is not retryable; a server error and no server at all are', async () => {
		const sink = supabaseSink(url, key);
		reply = { status: 400, body: { code: '22023', message: 'event 0: bad kind', details: null, hint: null } };
		await expect(sink(events)).rejects.toMatchObject({ retryable: false, message: '400 22023 event 0: bad kind' });
		reply = { status: 503, body: { code: 'PGRST000', message: 'database unavailable', details: null, hint: null } };
		await expect(sink(events)).rejects.toMatchObject({ retryable: true });
		const nowhere = supabaseSink('http://127.0.0.1:9', key, { timeoutMs: 2000 });
		const error: unknown = await nowhere(events).catch((err: unknown) => err);
		expect(error).toBeInstanceOf(SinkError);
		expect((error as SinkError).retryable).toBe(true);
	});
});
