// The floor benchmark's realtime clients (bench/floor.ts): one supabase-js
// client per agent, joined to its private `agent:<agent_id>` topic as /me
// joins it, and wall clients on `wall:<site_id>`. Each agent client's
// socket is tapped: every frame it receives is judged (deliveries.ts), so a
// message routed to the wrong socket is caught even though supabase-js
// would drop a frame for a topic it did not join.
//
// The server budgets sockets per client address (server/realtime/hub.ts:
// 500), so the clients spread over loopback addresses 127.0.0.2 … as the
// floor's PCs would come from several addresses, ADDRESS_SHARE to each.
import { createClient, REALTIME_SUBSCRIBE_STATES, type SupabaseClient } from '@supabase/supabase-js';
import type { WebSocketLikeConstructor } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../../src/lib/database.types.ts';
import { decodeBinaryFrame, decodeFrame, judgeAgentFrame, type FrameVerdict } from './deliveries.ts';

export const ADDRESS_SHARE = 200;

type Client = SupabaseClient<Database>;

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
	if (Buffer.isBuffer(data)) return data;
	if (Array.isArray(data)) return Buffer.concat(data);
	return Buffer.from(data);
}

/** The `ws` constructor with a fixed source address and a hook on every received frame. */
function tappedTransport(localAddress: string, onFrame: FrameHook): WebSocketLikeConstructor {
	class Tapped extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { localAddress });
			// realtime-js asks for ArrayBuffers (binaryType), so `ws` hands those over for binary frames.
			this.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) =>
				onFrame(toBuffer(data), isBinary)
			);
		}
	}
	return Tapped as unknown as WebSocketLikeConstructor;
}

export const sourceAddress = (index: number) => `127.0.0.${2 + Math.floor(index / ADDRESS_SHARE)}`;

type FrameHook = (data: Buffer, isBinary: boolean) => void;

export interface FrameCounts {
	own: number;
	wrong: number;
	control: number;
}

export interface JoinedClient {
	client: Client;
	/** Channel states other than SUBSCRIBED seen after the join (errors, timeouts, closes). */
	drops: number;
}

export interface ClientOptions {
	url: string;
	anonKey: string;
	token: string;
	topic: string;
	index: number;
	onBroadcast: (event: string, payload: unknown) => void;
	onFrame?: FrameHook;
}

/** A client joined to its topic; rejects when the join fails or takes over 60 s. */
export async function joinClient(options: ClientOptions): Promise<JoinedClient> {
	const client = createClient<Database>(options.url, options.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: {
			transport: tappedTransport(sourceAddress(options.index), options.onFrame ?? (() => {})),
			timeout: 60_000
		}
	});
	await client.realtime.setAuth(options.token);
	const joined: JoinedClient = { client, drops: 0 };
	let subscribed = false;
	await new Promise<void>((resolve, reject) => {
		client
			.channel(options.topic, { config: { private: true } })
			.on('broadcast', { event: '*' }, (message) => options.onBroadcast(message.event, message.payload))
			.subscribe((status, err) => {
				if (status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) {
					subscribed = true;
					resolve();
				} else if (subscribed) joined.drops++;
				else if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED)
					reject(new Error(`join ${options.topic}: ${status} ${err?.message ?? ''}`));
			});
	});
	return joined;
}

/** A frame hook for the agent's socket that adds each frame's verdict to `counts`. */
export function agentFrameCheck(agentId: string, counts: FrameCounts): FrameHook {
	return (data, isBinary) => {
		const frame = isBinary ? decodeBinaryFrame(data) : decodeFrame(data.toString());
		// An undecodable frame is counted against the run: it cannot be shown to be the agent's own.
		const verdict: FrameVerdict = frame ? judgeAgentFrame(agentId, frame) : 'wrong';
		counts[verdict]++;
	};
}

/** Joins `count` clients, `parallel` at a time (joins are database transactions on the server). */
export async function joinAll<T>(count: number, parallel: number, join: (i: number) => Promise<T>): Promise<T[]> {
	const out = new Array<T>(count);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(parallel, count) }, async () => {
			while (next < count) {
				const i = next++;
				out[i] = await join(i);
			}
		})
	);
	return out;
}

export async function closeAll(clients: readonly JoinedClient[]): Promise<void> {
	await Promise.all(
		clients.map(async ({ client }) => {
			await client.removeAllChannels();
			await client.realtime.disconnect();
		})
	);
}
