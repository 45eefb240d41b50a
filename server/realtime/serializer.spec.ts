// The frame codec against realtime-js 2.109's own serializer: what it
// encodes we decode, what we encode it decodes; garbage never throws.
import Serializer from '@supabase/realtime-js/dist/main/lib/serializer.js';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeMessage, encodeReply, encodeUserBroadcast, parseVsn, type Decoded } from './serializer.ts';

const client = new Serializer();

function clientEncode(message: Record<string, unknown>): Buffer {
	let out: unknown;
	client.encode(message as never, (encoded: unknown) => {
		out = encoded;
	});
	return out instanceof ArrayBuffer ? Buffer.from(out) : Buffer.from(out as string);
}

function clientDecode(frame: string | Buffer): Record<string, unknown> {
	let out: Record<string, unknown> = {};
	const raw = typeof frame === 'string' ? frame : frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.length);
	client.decode(raw as never, (decoded: unknown) => {
		out = decoded as Record<string, unknown>;
	});
	return out;
}

function userBroadcast(decoded: Decoded) {
	if (decoded.kind !== 'user_broadcast') throw new Error(`expected a user broadcast, got ${decoded.kind}`);
	return decoded;
}

describe('parseVsn', () => {
	it('defaults to 1.0.0 and accepts the 1.0.x and 2.0.x series only', () => {
		expect(parseVsn(null)).toBe('1.0.0');
		expect(parseVsn('1.0.0')).toBe('1.0.0');
		expect(parseVsn('2.0.0')).toBe('2.0.0');
		expect(parseVsn('2.0.3')).toBe('2.0.0');
		expect(parseVsn('2.1.0')).toBeUndefined();
		expect(parseVsn('3.0.0')).toBeUndefined();
		expect(parseVsn('latest')).toBeUndefined();
	});
});

describe('decodeFrame', () => {
	it('reads realtime-js vsn 2.0.0 text frames', () => {
		const frame = clientEncode({
			join_ref: '1',
			ref: '1',
			topic: 'realtime:room',
			event: 'phx_join',
			payload: { config: { private: true } }
		});
		expect(decodeFrame('2.0.0', frame, false)).toEqual({
			kind: 'message',
			message: {
				joinRef: '1',
				ref: '1',
				topic: 'realtime:room',
				event: 'phx_join',
				payload: { config: { private: true } }
			}
		});
	});

	it('reads vsn 1.0.0 objects, join_ref optional', () => {
		const frame = Buffer.from(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '7' }));
		expect(decodeFrame('1.0.0', frame, false)).toEqual({
			kind: 'message',
			message: { joinRef: null, ref: '7', topic: 'phoenix', event: 'heartbeat', payload: {} }
		});
	});

	it('decodes the binary user broadcast push realtime-js sends for JSON payloads', () => {
		const frame = clientEncode({
			join_ref: '3',
			ref: '4',
			topic: 'realtime:wall:1',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'note', payload: { text: '早会 9:00' } }
		});
		expect(frame[0]).toBe(3);
		const decoded = userBroadcast(decodeFrame('2.0.0', frame, true));
		expect(decoded).toMatchObject({ joinRef: '3', ref: '4', topic: 'realtime:wall:1' });
		expect(decoded.broadcast.event).toBe('note');
		expect(decoded.broadcast.encoding).toBe('json');
		expect(JSON.parse(Buffer.from(decoded.broadcast.body).toString('utf8'))).toEqual({ text: '早会 9:00' });
	});

	it('keeps binary payloads as bytes', () => {
		const bytes = new Uint8Array([0, 1, 2, 250, 255]);
		const frame = clientEncode({
			join_ref: '1',
			ref: '2',
			topic: 'realtime:room',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'blob', payload: bytes.buffer }
		});
		const decoded = userBroadcast(decodeFrame('2.0.0', frame, true));
		expect(decoded.broadcast.encoding).toBe('binary');
		expect([...decoded.broadcast.body]).toEqual([...bytes]);
	});

	it('refuses garbage without throwing', () => {
		const samples: [boolean, Buffer][] = [
			[false, Buffer.from('not json at all')],
			[false, Buffer.from('{"topic": 1}')],
			[false, Buffer.from('[1, 2]')],
			[false, Buffer.from('null')],
			[true, Buffer.from([0xff, 0x00, 0x13, 0x37])],
			[true, Buffer.from([3, 200, 200, 200, 200, 200, 1, 65])],
			[true, Buffer.from([])]
		];
		for (const [isBinary, data] of samples) {
			expect(decodeFrame('2.0.0', data, isBinary).kind).toBe('invalid');
		}
		expect(decodeFrame('1.0.0', Buffer.from('[null,"1","phoenix","heartbeat",{}]'), false).kind).toBe('invalid');
		expect(decodeFrame('1.0.0', Buffer.from([3, 0, 0, 0, 0, 0, 1]), true).kind).toBe('invalid');
		for (let i = 0; i < 500; i++) {
			const random = Buffer.from(Array.from({ length: i % 40 }, () => Math.floor(Math.random() * 256)));
			if (random.length > 0) random[0] = 3;
			expect(() => decodeFrame('2.0.0', random, true)).not.toThrow();
		}
	});
});

describe('encoding', () => {
	it('writes replies realtime-js reads, with join_ref only on vsn 2.0.0', () => {
		const v2 = encodeReply('2.0.0', { joinRef: '1', ref: '2', topic: 'realtime:x', status: 'ok', response: {} });
		expect(clientDecode(v2)).toEqual({
			join_ref: '1',
			ref: '2',
			topic: 'realtime:x',
			event: 'phx_reply',
			payload: { status: 'ok', response: {} }
		});
		const v1 = encodeReply('1.0.0', {
			joinRef: '1',
			ref: '2',
			topic: 'realtime:x',
			status: 'error',
			response: { reason: 'r' }
		});
		expect(JSON.parse(v1)).toEqual({
			topic: 'realtime:x',
			event: 'phx_reply',
			payload: { status: 'error', response: { reason: 'r' } },
			ref: '2'
		});
	});

	it('writes kind-4 user broadcasts realtime-js decodes, with meta', () => {
		const frame = encodeUserBroadcast('2.0.0', 'realtime:wall:1', {
			event: 'queue_live',
			encoding: 'json',
			body: Buffer.from('{"record":{"calls_waiting":3}}'),
			meta: { id: 'abc' }
		});
		expect(Buffer.isBuffer(frame)).toBe(true);
		expect(clientDecode(frame as Buffer)).toEqual({
			join_ref: null,
			ref: null,
			topic: 'realtime:wall:1',
			event: 'broadcast',
			payload: {
				type: 'broadcast',
				event: 'queue_live',
				payload: { record: { calls_waiting: 3 } },
				meta: { id: 'abc' }
			}
		});
	});

	it('relays binary bodies byte for byte on vsn 2.0.0 and drops them on 1.0.0', () => {
		const body = new Uint8Array([9, 8, 7]);
		const frame = encodeUserBroadcast('2.0.0', 'realtime:r', { event: 'blob', encoding: 'binary', body });
		const decoded = clientDecode(frame as Buffer) as { payload: { payload: ArrayBuffer } };
		expect([...new Uint8Array(decoded.payload.payload)]).toEqual([9, 8, 7]);
		expect(encodeUserBroadcast('1.0.0', 'realtime:r', { event: 'blob', encoding: 'binary', body })).toBeUndefined();
	});

	it('turns user broadcasts into JSON broadcasts on vsn 1.0.0', () => {
		const frame = encodeUserBroadcast('1.0.0', 'realtime:r', {
			event: 'e',
			encoding: 'json',
			body: Buffer.from('{"a":1}'),
			meta: { id: 'x' }
		});
		expect(JSON.parse(frame as string)).toEqual({
			topic: 'realtime:r',
			event: 'broadcast',
			payload: { event: 'e', payload: { a: 1 }, type: 'broadcast', meta: { id: 'x' } },
			ref: null
		});
	});

	it('encodes pushes as arrays on 2.0.0', () => {
		const text = encodeMessage('2.0.0', { joinRef: '5', ref: null, topic: 't', event: 'system', payload: { a: 1 } });
		expect(JSON.parse(text)).toEqual(['5', null, 't', 'system', { a: 1 }]);
	});
});
