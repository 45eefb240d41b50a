// Shared by the realtime specs: a migrated and seeded PGlite, the realtime
// server behind a bare node:http server on a free port, user tokens, the
// real supabase-js client with `ws` as transport, and a raw WebSocket that
// records what the server sends.
import { createServer } from 'node:http';
import type { SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../../src/lib/database.types.ts';
import type { RealtimeServer } from '../context.ts';
import type { Db } from '../db/types.ts';
import type { ApiKeys } from '../keys.ts';
import { listen } from '../../tests/support/listen.ts';
import { specContext } from '../../tests/support/server-context.ts';
import { nodeClient } from '../../tests/support/node-client.ts';
import { openTestDatabase } from '../../tests/support/test-database.ts';
import { waitFor } from '../../tests/support/wait-for.ts';
import type { RealtimeOptions } from './hub.ts';
import { createRealtimeServer } from './server.ts';

export { subscribe } from '../../tests/support/subscribe.ts';
export { userToken } from '../../tests/support/user-token.ts';
export { waitFor };

export const SITE = '5a000000-0000-4000-8000-000000000001';
export const DISPLAY = 'a0000000-0000-4000-8000-000000000004';
export const SUPERVISOR = 'a0000000-0000-4000-8000-000000000003';
/** Created by createOutsider(): a user who is a member of no site. */
export const OUTSIDER = 'a0000000-0000-4000-8000-0000000009aa';
export const QUEUE_1 = '9e000000-0000-4000-8000-000000000001';
export const WALL = `wall:${SITE}`;

/** PGlite; the spec closes it with db.close(). */
export async function openSeededDb(): Promise<Db> {
	return (await openTestDatabase('pglite')).db;
}

export async function createOutsider(db: Db): Promise<void> {
	await db.query(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, created_at, updated_at)
		values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', 'outsider@example.test', '', now(), now(), now())`,
		[OUTSIDER]
	);
}

export interface TestRealtime {
	url: string;
	wsUrl: (query?: Record<string, string>) => string;
	realtime: RealtimeServer;
	logs: string[];
	stop(): Promise<void>;
}

export async function startRealtime(
	db: Db,
	keys: ApiKeys,
	options: Partial<RealtimeOptions> = {},
	network: { trustedProxies?: string[] } = {}
): Promise<TestRealtime> {
	const logs: string[] = [];
	const { ctx, listeningAt } = specContext({ db, keys, log: (line) => logs.push(line) }, network);
	const realtime = await createRealtimeServer(ctx, options);
	const server = createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
	const { url, port, close } = await listen(server);
	listeningAt(url);
	return {
		url,
		wsUrl: (query = { apikey: keys.anon_key, vsn: '2.0.0' }) =>
			`ws://127.0.0.1:${port}/realtime/v1/websocket?${new URLSearchParams(query).toString()}`,
		realtime,
		logs,
		async stop() {
			await realtime.close();
			await close();
		}
	};
}

export type Client = SupabaseClient<Database>;

export function makeClient(url: string, anonKey: string, vsn: '1.0.0' | '2.0.0' = '2.0.0'): Client {
	return nodeClient(url, anonKey, { realtime: { vsn } });
}

/** A frame the server sent, decoded for either vsn (binary frames kept raw). */
export interface Received {
	joinRef?: unknown;
	ref?: unknown;
	topic?: string;
	event?: string;
	payload?: Record<string, unknown>;
	binary?: Buffer;
}

/** A bare WebSocket speaking the Phoenix protocol by hand. */
export class RawSocket {
	readonly ws: WebSocket;
	readonly vsn: '1.0.0' | '2.0.0';
	readonly received: Received[] = [];
	closeCode: number | undefined;
	#ref = 0;

	private constructor(ws: WebSocket, vsn: '1.0.0' | '2.0.0') {
		this.ws = ws;
		this.vsn = vsn;
		ws.on('message', (data: Buffer, isBinary) => {
			if (isBinary) {
				this.received.push({ binary: data });
				return;
			}
			const parsed: unknown = JSON.parse(data.toString('utf8'));
			if (Array.isArray(parsed)) {
				const [joinRef, ref, topic, event, payload] = parsed as [
					unknown,
					unknown,
					string,
					string,
					Record<string, unknown>
				];
				this.received.push({ joinRef, ref, topic, event, payload });
			} else {
				this.received.push(parsed as Received);
			}
		});
		ws.on('close', (code) => {
			this.closeCode = code;
		});
	}

	static async open(url: string, vsn: '1.0.0' | '2.0.0', headers: Record<string, string> = {}): Promise<RawSocket> {
		const ws = new WebSocket(url, { headers });
		await new Promise((resolve, reject) => {
			ws.once('open', resolve);
			ws.once('error', reject);
		});
		return new RawSocket(ws, vsn);
	}

	/** Sends a message and returns its ref. */
	push(topic: string, event: string, payload: unknown, joinRef: string | null = null): string {
		const ref = String(++this.#ref);
		const frame =
			this.vsn === '2.0.0'
				? [joinRef, ref, topic, event, payload]
				: { topic, event, payload, ref, ...(joinRef ? { join_ref: joinRef } : {}) };
		this.ws.send(JSON.stringify(frame));
		return ref;
	}

	async next(pred: (m: Received) => boolean, what = 'a message', timeoutMs = 3_000): Promise<Received> {
		let found: Received | undefined;
		await waitFor(() => (found = this.received.find(pred)) !== undefined, timeoutMs, what);
		return found as Received;
	}

	reply(ref: string): Promise<Received> {
		return this.next((m) => m.event === 'phx_reply' && m.ref === ref, `reply ${ref}`);
	}

	async closed(timeoutMs = 3_000): Promise<number> {
		await waitFor(() => this.closeCode !== undefined, timeoutMs, 'the socket to close');
		return this.closeCode as number;
	}
}

/** The status code and body of a refused upgrade. */
export function refusedUpgrade(
	url: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
		});
		ws.on('open', () => {
			ws.close();
			reject(new Error('the upgrade was accepted'));
		});
		ws.on('error', () => {});
	});
}
