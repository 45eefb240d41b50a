// Phoenix channel frames as Supabase Realtime speaks them. vsn 1.0.0: JSON
// objects {topic, event, payload, ref} (join_ref accepted on input, never
// sent). vsn 2.0.0: JSON arrays [join_ref, ref, topic, event, payload] plus
// two binary broadcast kinds — the user broadcast push a client sends
// (kind 3) and the user broadcast the server fans out (kind 4), the only
// binary kind realtime-js can decode. Pure functions, no I/O.

export type Vsn = '1.0.0' | '2.0.0';
/** Refs are echoed as the client sent them (Phoenix JS sends strings). */
export type Ref = string | number | null;

export interface PhxMessage {
	joinRef: Ref;
	ref: Ref;
	topic: string;
	event: string;
	payload: unknown;
}

/** A broadcast whose user payload travels as bytes: JSON text or an opaque binary. */
export interface UserBroadcast {
	event: string;
	encoding: 'json' | 'binary';
	body: Uint8Array;
	meta?: Record<string, unknown>;
}

export type Decoded =
	| { kind: 'message'; message: PhxMessage }
	| { kind: 'user_broadcast'; joinRef: Ref; ref: Ref; topic: string; broadcast: UserBroadcast }
	| { kind: 'invalid'; reason: string };

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const ENCODING_BINARY = 0;
const ENCODING_JSON = 1;
const MAX_FIELD_BYTES = 255;

/** Phoenix negotiates `~> 1.0.0` and `~> 2.0.0`; no vsn means 1.0.0. */
export function parseVsn(raw: string | null): Vsn | undefined {
	const value = raw ?? '1.0.0';
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(value);
	if (!match || match[2] !== '0') return undefined;
	if (match[1] === '1') return '1.0.0';
	if (match[1] === '2') return '2.0.0';
	return undefined;
}

function isRef(value: unknown): value is Ref {
	return value === null || typeof value === 'string' || typeof value === 'number';
}

function decodeText(vsn: Vsn, text: string): Decoded {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { kind: 'invalid', reason: 'not JSON' };
	}
	if (vsn === '2.0.0') {
		if (!Array.isArray(parsed) || parsed.length < 5) return { kind: 'invalid', reason: 'expected V2 array' };
		const [joinRef, ref, topic, event, payload] = parsed as unknown[];
		if (!isRef(joinRef) || !isRef(ref) || typeof topic !== 'string' || typeof event !== 'string') {
			return { kind: 'invalid', reason: 'bad V2 fields' };
		}
		return { kind: 'message', message: { joinRef, ref, topic, event, payload } };
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return { kind: 'invalid', reason: 'expected V1 object' };
	}
	const { topic, event, payload, ref } = parsed as Record<string, unknown>;
	const joinRef = (parsed as Record<string, unknown>).join_ref ?? null;
	if (typeof topic !== 'string' || typeof event !== 'string' || !isRef(ref ?? null) || !isRef(joinRef)) {
		return { kind: 'invalid', reason: 'bad V1 fields' };
	}
	return { kind: 'message', message: { joinRef, ref: (ref ?? null) as Ref, topic, event, payload } };
}

function decodeBinary(data: Uint8Array): Decoded {
	if (data.length < 7 || data[0] !== KIND_USER_BROADCAST_PUSH)
		return { kind: 'invalid', reason: 'unknown binary kind' };
	const [joinRefSize, refSize, topicSize, eventSize, metaSize, encoding] = data.subarray(1, 7);
	const sizes = [joinRefSize, refSize, topicSize, eventSize, metaSize] as number[];
	const headerEnd = 7 + sizes.reduce((a, b) => a + b, 0);
	if (headerEnd > data.length || (encoding !== ENCODING_BINARY && encoding !== ENCODING_JSON)) {
		return { kind: 'invalid', reason: 'truncated binary frame' };
	}
	const decoder = new TextDecoder();
	let offset = 7;
	const fields = sizes.map((size) => {
		const text = decoder.decode(data.subarray(offset, offset + size));
		offset += size;
		return text;
	});
	const [joinRef, ref, topic, event, metaText] = fields as [string, string, string, string, string];
	let meta: Record<string, unknown> | undefined;
	if (metaText) {
		try {
			const parsed: unknown = JSON.parse(metaText);
			if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
				meta = parsed as Record<string, unknown>;
			}
		} catch {
			return { kind: 'invalid', reason: 'metadata is not JSON' };
		}
	}
	const body = data.subarray(headerEnd);
	return {
		kind: 'user_broadcast',
		joinRef: joinRef || null,
		ref: ref || null,
		topic,
		broadcast: { event, encoding: encoding === ENCODING_JSON ? 'json' : 'binary', body, ...(meta ? { meta } : {}) }
	};
}

/** One WebSocket frame from a client; never throws. */
export function decodeFrame(vsn: Vsn, data: Uint8Array, isBinary: boolean): Decoded {
	if (!isBinary) return decodeText(vsn, new TextDecoder().decode(data));
	// vsn 1.0.0 has no binary frames at all.
	if (vsn === '1.0.0') return { kind: 'invalid', reason: 'binary frame on vsn 1.0.0' };
	return decodeBinary(data);
}

export function encodeMessage(vsn: Vsn, message: PhxMessage): string {
	if (vsn === '2.0.0') {
		return JSON.stringify([message.joinRef, message.ref, message.topic, message.event, message.payload]);
	}
	return JSON.stringify({ topic: message.topic, event: message.event, payload: message.payload, ref: message.ref });
}

export function encodeReply(
	vsn: Vsn,
	reply: { joinRef: Ref; ref: Ref; topic: string; status: 'ok' | 'error'; response: unknown }
): string {
	return encodeMessage(vsn, {
		joinRef: reply.joinRef,
		ref: reply.ref,
		topic: reply.topic,
		event: 'phx_reply',
		payload: { status: reply.status, response: reply.response }
	});
}

/**
 * A user broadcast for a subscriber of `topic` (the joined 'realtime:…' name):
 * a kind-4 binary frame on vsn 2.0.0; on vsn 1.0.0 the JSON broadcast
 * {type, event, payload, meta?} — or undefined when the payload is binary,
 * which vsn 1.0.0 cannot carry.
 */
export function encodeUserBroadcast(vsn: Vsn, topic: string, broadcast: UserBroadcast): string | Buffer | undefined {
	const metaText = broadcast.meta ? JSON.stringify(broadcast.meta) : '';
	if (vsn === '1.0.0') {
		if (broadcast.encoding !== 'json') return undefined;
		let payload: unknown;
		try {
			payload = JSON.parse(new TextDecoder().decode(broadcast.body));
		} catch {
			return undefined;
		}
		const inner = {
			event: broadcast.event,
			payload,
			type: 'broadcast',
			...(broadcast.meta ? { meta: broadcast.meta } : {})
		};
		return encodeMessage(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload: inner });
	}
	const topicBytes = Buffer.from(topic, 'utf8');
	const eventBytes = Buffer.from(broadcast.event, 'utf8');
	const metaBytes = Buffer.from(metaText, 'utf8');
	if (
		topicBytes.length > MAX_FIELD_BYTES ||
		eventBytes.length > MAX_FIELD_BYTES ||
		metaBytes.length > MAX_FIELD_BYTES
	) {
		return undefined;
	}
	const header = Buffer.from([
		KIND_USER_BROADCAST,
		topicBytes.length,
		eventBytes.length,
		metaBytes.length,
		broadcast.encoding === 'json' ? ENCODING_JSON : ENCODING_BINARY
	]);
	return Buffer.concat([header, topicBytes, eventBytes, metaBytes, broadcast.body]);
}
