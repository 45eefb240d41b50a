// What the floor benchmark checks on every realtime message its clients get
// (bench/floor.ts): that a frame reached only the socket of the agent it is
// about, and how long after the ingest that caused it. Pure, so a vitest
// pins the rules down (deliveries.spec.ts).

/** One Phoenix frame as the server sends it, vsn 1.0.0 (an object) or 2.0.0 (an array). */
export interface Frame {
	topic: string;
	event: string;
	payload: unknown;
}

/** A text frame decoded, or null for what is not a Phoenix message (binary user broadcasts are not text). */
export function decodeFrame(text: string): Frame | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (Array.isArray(value)) {
		const [, , topic, event, payload] = value as unknown[];
		return typeof topic === 'string' && typeof event === 'string' ? { topic, event, payload } : null;
	}
	if (typeof value === 'object' && value !== null) {
		const { topic, event, payload } = value as { topic?: unknown; event?: unknown; payload?: unknown };
		return typeof topic === 'string' && typeof event === 'string' ? { topic, event, payload } : null;
	}
	return null;
}

/**
 * A binary frame: vsn 2.0.0's user broadcast as the server fans it out
 * (kind 4: sizes of topic, event and metadata, the payload's encoding, then
 * the bytes; server/realtime/serializer.ts), which is how database
 * broadcasts reach supabase-js. Shaped as its text form would be; null for
 * any other binary kind.
 */
export function decodeBinaryFrame(data: Uint8Array): Frame | null {
	if (data.length < 5 || data[0] !== 4) return null;
	const [topicSize, eventSize, metaSize, encoding] = data.subarray(1, 5) as unknown as [number, number, number, number];
	const decoder = new TextDecoder();
	let offset = 5;
	const field = (size: number) => decoder.decode(data.subarray(offset, (offset += size)));
	const topic = field(topicSize);
	const event = field(eventSize);
	field(metaSize);
	if (offset > data.length) return null;
	let payload: unknown = null;
	if (encoding === 1) {
		try {
			payload = JSON.parse(decoder.decode(data.subarray(offset)));
		} catch {
			return null;
		}
	}
	return { topic, event: 'broadcast', payload: { type: 'broadcast', event, payload } };
}

/**
 * The agent ids a broadcast frame names: its inner payload's `agent_id`
 * (stats_changed and the like) and the topic's `agent:<id>`.
 */
function namedAgents(frame: Frame): string[] {
	const names: string[] = [];
	const topic = /^realtime:agent:(.+)$/.exec(frame.topic);
	if (topic?.[1]) names.push(topic[1]);
	const inner = (frame.payload as { payload?: { agent_id?: unknown } } | null | undefined)?.payload;
	if (typeof inner?.agent_id === 'string') names.push(inner.agent_id);
	return names;
}

export type FrameVerdict = 'own' | 'wrong' | 'control';

/**
 * For an agent's socket joined only to `agent:<own>`: 'own' for a broadcast
 * about that agent, 'wrong' for any broadcast on another topic or naming
 * another agent, 'control' for replies, heartbeats and system messages.
 */
export function judgeAgentFrame(own: string, frame: Frame): FrameVerdict {
	if (frame.topic === 'phoenix' || frame.event.startsWith('phx_') || frame.event === 'system') return 'control';
	if (frame.topic !== `realtime:agent:${own}`) return 'wrong';
	return namedAgents(frame).every((id) => id === own) ? 'own' : 'wrong';
}

/**
 * Pairs each agent's ingest batches with the messages they cause, in order:
 * a batch that touched an agent's calls is owed one `stats_changed` (the
 * trigger sends one per agent and transaction), and the oldest batch still
 * owed is the one a message answers.
 */
export class DeliveryLedger {
	readonly #owed = new Map<string, number[]>();
	readonly latencies: number[] = [];
	/** Messages that arrived with nothing owed: a message no batch asked for. */
	unasked = 0;

	sent(agentId: string, at: number): void {
		const queue = this.#owed.get(agentId);
		if (queue) queue.push(at);
		else this.#owed.set(agentId, [at]);
	}

	received(agentId: string, at: number): void {
		const sentAt = this.#owed.get(agentId)?.shift();
		if (sentAt === undefined) this.unasked++;
		else this.latencies.push(at - sentAt);
	}

	/** Batches still owed a message that were sent before `before`: by then, missing. */
	missing(before: number): number {
		let n = 0;
		for (const queue of this.#owed.values()) n += queue.filter((at) => at < before).length;
		return n;
	}
}
