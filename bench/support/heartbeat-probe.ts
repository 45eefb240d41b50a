// A wall TV's realtime socket reduced to what a benchmark times: a raw
// Phoenix WebSocket (vsn 1.0.0) that joins a private topic with a user's
// token, then sends heartbeats on a fixed interval and records each one's
// round trip. Raw frames, so the figure is the server's answer time, not
// supabase-js's timers.
import WebSocket from 'ws';

export interface HeartbeatProbe {
	/** Starts recording round trips into a new list, which it returns. */
	record(): number[];
	/** Round trips still unanswered (a frozen server shows here). */
	readonly unanswered: number;
	close(): void;
}

export async function heartbeatProbe(
	url: string,
	apiKey: string,
	token: string,
	topic: string,
	intervalMs: number
): Promise<HeartbeatProbe> {
	const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${apiKey}&vsn=1.0.0`);
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	const sent = new Map<string, number>();
	let samples: number[] = [];
	let joined: (status: string) => void = () => {};
	const join = new Promise<string>((resolve) => (joined = resolve));
	socket.on('message', (data: Buffer) => {
		const message = JSON.parse(data.toString()) as { ref: string | null; event: string; payload: { status?: string } };
		if (message.ref === 'join') joined(message.payload.status ?? 'unknown');
		const at = message.ref === null ? undefined : sent.get(message.ref);
		if (at === undefined || message.ref === null) return;
		sent.delete(message.ref);
		samples.push(performance.now() - at);
	});
	socket.send(
		JSON.stringify({
			topic: `realtime:${topic}`,
			event: 'phx_join',
			payload: { config: { private: true, broadcast: { self: false }, presence: { key: '' } }, access_token: token },
			ref: 'join',
			join_ref: 'join'
		})
	);
	const status = await join;
	if (status !== 'ok') throw new Error(`the probe could not join ${topic}: ${status}`);
	let next = 0;
	const timer = setInterval(() => {
		const ref = `hb${next++}`;
		sent.set(ref, performance.now());
		socket.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref }));
	}, intervalMs);
	return {
		record() {
			samples = [];
			return samples;
		},
		get unanswered() {
			return sent.size;
		},
		close() {
			clearInterval(timer);
			socket.close();
		}
	};
}
