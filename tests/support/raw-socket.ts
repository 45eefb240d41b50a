// A bare WebSocket speaking the Phoenix protocol by hand, for what
// supabase-js cannot send or would hide: frames of either vsn, floods,
// silence, and upgrades the server refuses.
import WebSocket from 'ws';
import { waitFor } from './wait-for.ts';

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
