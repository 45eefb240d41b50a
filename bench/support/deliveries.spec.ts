import { describe, expect, it } from 'vitest';
import { encodeUserBroadcast } from '../../server/realtime/serializer.ts';
import { decodeBinaryFrame, decodeFrame, DeliveryLedger, judgeAgentFrame } from './deliveries.ts';
import { FloorFeed } from './floor-feed.ts';
import { cpuTicks, parentPid, residentBytes } from './process-usage.ts';
import { percentile } from './stats.ts';

const ME = 'ac000000-0000-4000-8000-00000f000001';
const OTHER = 'ac000000-0000-4000-8000-00000f000002';
const broadcast = (topic: string, agentId: unknown) => ({
	topic,
	event: 'broadcast',
	payload: { type: 'broadcast', event: 'stats_changed', payload: { agent_id: agentId, what: 'calls' } }
});

describe('decodeFrame', () => {
	it('reads vsn 1.0.0 objects and vsn 2.0.0 arrays alike', () => {
		const object = broadcast(`realtime:agent:${ME}`, ME);
		expect(decodeFrame(JSON.stringify({ ...object, ref: null }))).toEqual(object);
		expect(decodeFrame(JSON.stringify([null, null, object.topic, object.event, object.payload]))).toEqual(object);
	});

	it('gives null for what is not a frame', () => {
		expect(decodeFrame('not json')).toBeNull();
		expect(decodeFrame('42')).toBeNull();
		expect(decodeFrame(JSON.stringify({ event: 'broadcast' }))).toBeNull();
	});
});

describe('decodeBinaryFrame', () => {
	it("reads the server's binary broadcast (vsn 2.0.0) as its text form", () => {
		const body = new TextEncoder().encode(JSON.stringify({ agent_id: ME, what: 'calls' }));
		const topic = `realtime:agent:${ME}`;
		const frame = encodeUserBroadcast('2.0.0', topic, { event: 'stats_changed', encoding: 'json', body });
		if (!(frame instanceof Buffer)) throw new Error('expected a binary frame');
		expect(decodeBinaryFrame(frame)).toEqual(broadcast(topic, ME));
		expect(judgeAgentFrame(OTHER, decodeBinaryFrame(frame) ?? broadcast('', ''))).toBe('wrong');
	});

	it('gives null for other binary kinds and truncated frames', () => {
		expect(decodeBinaryFrame(new Uint8Array([3, 0, 0, 0, 0, 0, 1]))).toBeNull();
		expect(decodeBinaryFrame(new Uint8Array([4, 200, 1, 0, 1, 65]))).toBeNull();
	});
});

describe('judgeAgentFrame', () => {
	it("accepts a broadcast about the socket's own agent on its own topic", () => {
		expect(judgeAgentFrame(ME, broadcast(`realtime:agent:${ME}`, ME))).toBe('own');
	});

	it('flags another topic, or another agent named in the payload', () => {
		expect(judgeAgentFrame(ME, broadcast(`realtime:agent:${OTHER}`, OTHER))).toBe('wrong');
		expect(judgeAgentFrame(ME, broadcast(`realtime:agent:${ME}`, OTHER))).toBe('wrong');
		expect(judgeAgentFrame(ME, broadcast(`realtime:wall:${ME}`, ME))).toBe('wrong');
	});

	it('accepts a broadcast on the own topic that names no agent (a swap changed)', () => {
		const swap = { topic: `realtime:agent:${ME}`, event: 'broadcast', payload: { payload: { swap_id: 'x' } } };
		expect(judgeAgentFrame(ME, swap)).toBe('own');
	});

	it('leaves replies, heartbeats and system messages aside', () => {
		expect(judgeAgentFrame(ME, { topic: 'phoenix', event: 'phx_reply', payload: {} })).toBe('control');
		expect(judgeAgentFrame(ME, { topic: `realtime:agent:${OTHER}`, event: 'phx_reply', payload: {} })).toBe('control');
		expect(judgeAgentFrame(ME, { topic: `realtime:agent:${ME}`, event: 'system', payload: {} })).toBe('control');
	});
});

describe('DeliveryLedger', () => {
	it("answers each agent's batches in order, oldest first", () => {
		const ledger = new DeliveryLedger();
		ledger.sent(ME, 100);
		ledger.sent(OTHER, 100);
		ledger.sent(ME, 200);
		ledger.received(ME, 130);
		ledger.received(ME, 260);
		ledger.received(OTHER, 105);
		expect(ledger.latencies).toEqual([30, 60, 5]);
		expect(ledger.unasked).toBe(0);
	});

	it('counts a message no batch asked for, and batches never answered', () => {
		const ledger = new DeliveryLedger();
		ledger.received(ME, 50);
		ledger.sent(ME, 100);
		ledger.sent(OTHER, 900);
		expect(ledger.unasked).toBe(1);
		expect(ledger.missing(500)).toBe(1);
		expect(ledger.missing(1_000)).toBe(2);
	});
});

describe('FloorFeed', () => {
	it('names each agent once a batch, in turn, and walks every call through its five events', () => {
		const feed = new FloorFeed(['a', 'b', 'c'], 'site', 'queue', 'p');
		const first = feed.batch(3, '2026-12-06T00:00:00Z');
		expect(first.agents).toEqual(['a', 'b', 'c']);
		expect(first.events.map((e) => e.kind)).toEqual(['call_dialed', 'call_dialed', 'call_dialed']);
		const kinds: string[] = [];
		for (let i = 0; i < 5; i++) kinds.push(feed.batch(3, '2026-12-06T00:00:01Z').events[0]?.kind ?? '');
		expect(kinds).toEqual(['call_connected', 'call_ended', 'call_graded', 'wrap_ended', 'call_dialed']);
		const ids = [first.events[0], feed.batch(1, '2026-12-06T00:00:02Z').events[0]].map((e) =>
			e && 'call_id' in e ? e.call_id : ''
		);
		// Agent a's sixth batch of three is the second event of its second call.
		expect(ids[0]).toBe('p-0-0');
		expect(ids[1]).toBe('p-0-1');
	});

	it('never repeats an event id', () => {
		const feed = new FloorFeed(['a', 'b'], 'site', 'queue', 'p');
		const ids = [1, 2, 3].flatMap(() => feed.batch(7, '2026-12-06T00:00:00Z').events.map((e) => e.event_id));
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('/proc parsing', () => {
	const stat = '4242 (node server/main.ts) S 17 4242 17 0 -1 4194560 5 0 0 0 731 269 0 0 20 0 11 0 99 1 2';
	it('reads the parent and the CPU ticks, names with spaces included', () => {
		expect(parentPid(stat)).toBe(17);
		expect(cpuTicks(stat)).toBe(1000);
	});

	it('reads VmRSS in bytes', () => {
		expect(residentBytes('Name:\tnode\nVmRSS:\t  204800 kB\nThreads:\t11\n')).toBe(204800 * 1024);
		expect(residentBytes('Name:\tnode\n')).toBeNaN();
	});
});

describe('percentile', () => {
	it('is the nearest rank', () => {
		const samples = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(percentile(samples, 50)).toBe(50);
		expect(percentile(samples, 99)).toBe(99);
		expect(percentile([], 99)).toBeNaN();
	});
});
