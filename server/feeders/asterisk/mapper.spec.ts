import { describe, expect, it } from 'vitest';
import { ingestEvent, type IngestEvent } from '../ingest-client/events.ts';
import { parseMapping } from './mapping.ts';
import { QueueLogMapper } from './mapper.ts';
import { DEMO_SITE, demoAgent, QUEUE } from '../../../tests/support/demo.ts';
import { fixtureText, mapText } from '../../../tests/support/queue-log-fixture.ts';
import { tallyByQueue } from '../../../tests/support/queue-tallies.ts';
import { QUEUE_EXIT_KINDS } from './verbs.ts';

// The fixture, by hand (tests/fixtures/asterisk/hotline-morning.queue_log, 2026-11-20 from 09:00 +08:00).
// wait = CONNECT/abandon time − ENTERQUEUE time; talk = calltime of the end line.
//
// sales-hotline, 21 calls:
//   S1 a1 wait 6 talk 185 | S2 a2 9/240 | S3 a3 12/95 | S4 ABANDON 3 (short)
//   S5 a1 22/310 (a4 rang out 15000 ms first) | S6 a2 14/128 | S7 ABANDON 20
//   S8 a3 8/205 TRANSFER to 8100 | S9 a1 31/260 | S10 EXITWITHKEY 4 (short)
//   S11 a2 5/175 | S12 a4 18/150 (a1 rang out 12500 ms) | S13 ABANDON 9
//   S14 a1 10/342 | S15 EXITWITHTIMEOUT 120 (a3 rang out 15000 ms) | S16 a3 4/88
//   S17 a2 25/412 | S18 a4 7/133 | S19 ABANDON 2 (short) | S20 a1 40/220 | S21 a3 13/196
//   answered 15; within 15 s: 6,9,12,14,8,5,10,4,7,13 → 10 (outside: 22,31,18,25,40 → 5)
//   abandoned 5 (S4,S7,S10,S13,S19); short (< 5 s): 3,4,2 → 3; timed out 1 (S15: the queue's maximum wait)
//   talk: 185+240+95+310+128+205+260+175+150+342+88+412+133+220+196 = 3139
//   wait of answered: 6+9+12+22+14+8+31+5+18+10+4+25+7+40+13 = 224
//   after-call work: no wrapup_s for sales → 0
// after-sales, 10 calls (wrapup_s 30):
//   A1 a4 11/264 | A2 a3 16/300 | A3 ABANDON 35 | A4 a4 6/185 | A5 a3 20/233 ATTENDEDTRANSFER
//   A6 ABANDON 4 (short) | A7 a4 9/351 | A8 a3 45/198 | A9 a4 12/145 | A10 EXITEMPTY 8
//   answered 7; within 15 s: 11,6,9,12 → 4; abandoned 2 (A3, A6); short 1; timed out 1 (A10: no member left)
//   talk: 264+300+185+233+351+198+145 = 1676; wait of answered: 11+16+6+20+9+45+12 = 119
//   after-call work: 30 each, except A2 (a3 takes sales call S8 at 09:16:38, 22 s after
//   09:16:16) and A9 (a4 pauses for lunch at 11:22:50, 13 s after 11:22:37):
//   30+22+30+30+30+30+13 = 185
describe('queue_log mapper on the hotline morning fixture', () => {
	const { events, summary } = mapText(fixtureText());

	it('gives the hand-computed numbers per queue', () => {
		const tallies = tallyByQueue(events);
		expect(tallies.get(QUEUE.sales)).toEqual({
			offered: 21,
			answered: 15,
			answered_within_15s: 10,
			abandoned: 5,
			abandoned_short: 3,
			timed_out: 1,
			handled: 15,
			talk_s: 3139,
			acw_s: 0,
			wait_answered_s: 224
		});
		expect(tallies.get(QUEUE.afterSales)).toEqual({
			offered: 10,
			answered: 7,
			answered_within_15s: 4,
			abandoned: 2,
			abandoned_short: 1,
			timed_out: 1,
			handled: 7,
			talk_s: 1676,
			acw_s: 185,
			wait_answered_s: 119
		});
		expect([...tallies.keys()].sort()).toEqual([QUEUE.sales, QUEUE.afterSales]);
	});

	// 118 lines. Without events: 2 malformed (a cut write, a date instead of epoch seconds),
	// SURVEYRESULT (unknown), test-queue ×2 (unmapped), SIP/8099 (unmapped), QUEUESTART and
	// CONFIGRELOAD, and 13 known lines that change nothing: DID, RINGCANCELED, RINGNOANSWER ×3,
	// a4's second ADDMEMBER, the per-queue PAUSE/UNPAUSE repeats of 3 PAUSEALL/UNPAUSEALL (2 each),
	// a4's REMOVEMEMBER from sales while still in after-sales. 118 − 21 = 97 lines give events.
	it('summarises every line by what became of it', () => {
		expect(summary.lines).toBe(118);
		expect(summary.lines_with_events).toBe(97);
		expect(summary.skipped).toEqual({
			malformed: 2,
			unknown_verb: 1,
			unmapped_queue: 2,
			unmapped_agent: 1,
			housekeeping: 2,
			no_event: 13
		});
		expect(summary.unknown_verbs).toEqual({ SURVEYRESULT: 1 });
		expect(summary.unmapped_queues).toEqual({ 'test-queue': { lines: 2, first_lines: [114, 115] } });
		expect(summary.unmapped_agents).toEqual({ 'SIP/8099': { lines: 1, first_lines: [75] } });
		expect(summary.open_wraps).toBe(0);
		expect(summary.malformed_lines.map((m) => m.line)).toEqual([58, 85]);
		// 15000 + 12500 + 15000 ms
		expect(summary.ring_no_answer).toEqual({ count: 3, ring_s: 42.5 });
	});

	// agent_state: 4 logins + 22 on_call + 7 wrap_up (after-sales ends) + 20 back to available
	// after a wrap (22 ends − 2 wraps cut by the next state) + 9 from pause/member lines
	// (a2 break, available, training, offline; a4 lunch; a1 lunch; a3 meeting, available, offline) = 62
	it('emits the hand-counted events by kind', () => {
		expect(summary.events).toBe(events.length);
		expect(summary.events_by_kind).toEqual({
			call_offered: 31,
			call_answered: 22,
			call_abandoned: 7,
			call_timed_out: 2,
			call_ended: 22,
			wrap_ended: 22,
			call_transferred: 2,
			agent_state: 62
		});
	});

	it('gives only events the ingest contract accepts', () => {
		for (const e of events) expect(ingestEvent.safeParse(e).error).toBeUndefined();
	});

	it('gives stable, unique ids: reading the file again gives the same ones', () => {
		const again = mapText(fixtureText()).events;
		expect(again.map((e) => e.event_id)).toEqual(events.map((e) => e.event_id));
		expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
		for (const e of events) expect(e.event_id).toMatch(/^ast:[0-9a-f]{40}:[a-z_]+$/);
	});

	it('ids depend on the site, since event ids are unique across sites', () => {
		const mapping = parseMapping({
			site_id: '5a000000-0000-4000-8000-000000000002',
			queues: { 'sales-hotline': QUEUE.sales },
			agents: {}
		});
		const other = mapText('1795136530|1795136530.1201|sales-hotline|NONE|ENTERQUEUE||13900000001|1', mapping);
		expect(other.events).toHaveLength(1);
		expect(events.map((e) => e.event_id)).not.toContain(other.events[0]?.event_id);
	});

	it('never forwards the caller id of ENTERQUEUE', () => {
		const withoutIds = JSON.stringify(events.map(({ event_id: _, ...rest }) => rest));
		expect(withoutIds).not.toMatch(/1390000|8005/);
	});

	it('maps member interfaces exactly or by their extension', () => {
		const agentsOf = (agent: string) =>
			new Set(events.filter((e) => e.kind === 'call_answered' && e.agent_id === agent).map((e) => e.queue_id));
		// Local/8004@from-queue/n has no key of its own; "8004" maps it.
		expect(agentsOf(demoAgent(12).agentId)).toEqual(new Set([QUEUE.sales, QUEUE.afterSales]));
		expect(agentsOf(demoAgent(1).agentId)).toEqual(new Set([QUEUE.sales]));
	});

	it('turns pauses into states, one per pause however many queues log it', () => {
		const states = (agent: string) =>
			events
				.filter((e) => e.kind === 'agent_state' && e.agent_id === agent)
				.map((e) => (e.kind === 'agent_state' ? [e.state, e.reason ?? null, e.at.slice(11, 19)] : []));
		// a4 (…112), times UTC: joined two queues, 6 calls, lunch right after A9 (cutting its wrap), removed from one queue only.
		expect(states(demoAgent(12).agentId)).toEqual([
			['available', null, '00:59:20'],
			['on_call', null, '01:03:11'],
			['wrap_up', null, '01:07:35'],
			['available', null, '01:08:05'],
			['on_call', null, '01:26:06'],
			['wrap_up', null, '01:29:11'],
			['available', null, '01:29:41'],
			['on_call', null, '01:30:33'],
			['available', null, '01:33:03'],
			['on_call', null, '02:10:09'],
			['wrap_up', null, '02:16:00'],
			['available', null, '02:16:30'],
			['on_call', null, '02:20:07'],
			['available', null, '02:22:20'],
			['on_call', null, '03:20:12'],
			['wrap_up', null, '03:22:37'],
			['lunch', 'lunch', '03:22:50']
		]);
		// a2 (…102): break, back, S17, training (reason kept), removed from its only queue.
		expect(states(demoAgent(2).agentId).slice(-6)).toEqual([
			['break', 'break', '01:45:00'],
			['available', null, '01:52:00'],
			['on_call', null, '02:05:25'],
			['available', null, '02:12:17'],
			['training', 'training', '03:45:00'],
			['offline', null, '04:00:00']
		]);
		// "Lunch" is lunch whatever its case, and keeps the agent's own words.
		expect(states(demoAgent(1).agentId).at(-1)).toEqual(['lunch', 'Lunch', '03:30:00']);
	});

	it('counts a transfer as transferred and ended, with its talk time', () => {
		const s8 = events.filter((e) => e.kind !== 'agent_state' && e.call_id === '1795137390.1210');
		expect(s8.map((e) => e.kind)).toEqual([
			'call_offered',
			'call_answered',
			'call_transferred',
			'call_ended',
			'wrap_ended'
		]);
		expect(s8.find((e) => e.kind === 'call_ended')).toMatchObject({ talk_s: 205, hold_s: 0 });
	});
});

describe('queue_log mapper, line by line', () => {
	const mapping = parseMapping({
		site_id: DEMO_SITE,
		queues: { q: QUEUE.sales },
		agents: { 'SIP/8001': demoAgent(1).agentId }
	});
	const run = (lines: string[]) => mapText(lines.join('\n'), mapping);
	const kinds = (events: IngestEvent[]) =>
		events.map((e) => (e.kind === 'agent_state' ? `${e.state}${e.reason ? `(${e.reason})` : ''}` : e.kind));

	it('reads RINGNOANSWER as milliseconds and sends nothing for it', () => {
		const { events, summary } = run([
			'1795136530|1795136530.1|q|SIP/8001|RINGNOANSWER|1500',
			'1795136540|1795136530.1|q|SIP/8001|RINGNOANSWER|250',
			'1795136550|1795136530.1|q|SIP/8001|RINGNOANSWER|soon'
		]);
		expect(events).toEqual([]);
		expect(summary.ring_no_answer).toEqual({ count: 2, ring_s: 1.75 });
		expect(summary.skipped.malformed).toBe(1);
	});

	it('counts unknown verbs and malformed lines and carries on', () => {
		const { events, summary } = run([
			'1795136530|1795136530.1|q|NONE|MYCUSTOMEVENT|x',
			'1795136531|1795136530.1|q|NONE|MYCUSTOMEVENT|y',
			'not a queue_log line',
			'1795136532||q|NONE|ENTERQUEUE||1|1',
			'1795136533|NONE|q|NONE|ENTERQUEUE||1|1',
			'1795136534|1795136530.1|q|NONE|CONNECT|3|x|3',
			'1795136535|1795136530.1|q|SIP/8001|COMPLETEAGENT|3|',
			'',
			'1795136540|1795136530.2|q|NONE|ENTERQUEUE||1|1'
		]);
		expect(kinds(events)).toEqual(['call_offered']);
		expect(summary.unknown_verbs).toEqual({ MYCUSTOMEVENT: 2 });
		expect(summary.skipped.malformed).toBe(5);
		expect(summary.malformed_lines.map((m) => m.line)).toEqual([3, 4, 5, 6, 7]);
		expect(summary.lines).toBe(8);
	});

	it('maps each way out of a queue to its kind in one table: the caller abandons, the queue times out', () => {
		const exits = ['ABANDON|1|1|3', 'EXITEMPTY|1|1|3', 'EXITWITHKEY|0|1|1|3', 'EXITWITHTIMEOUT|1|1|300'];
		const { events } = run(exits.map((exit, i) => `179513653${i}|179513653${i}.${i}|q|NONE|${exit}`));
		expect(kinds(events)).toEqual(exits.map((exit) => QUEUE_EXIT_KINDS[exit.split('|')[0] ?? '']));
		expect(kinds(events)).toEqual(['call_abandoned', 'call_timed_out', 'call_abandoned', 'call_timed_out']);
	});

	it('names every unmapped queue and member with its line numbers, both on one line, blank lines counted', () => {
		const { events, summary } = run([
			'1795136500|1795136500.1|sales|NONE|ENTERQUEUE||1|1',
			'',
			'1795136505|1795136500.1|sales|SIP/9000|CONNECT|5|1795136505.2|5',
			'1795136506|NONE|q|SIP/9000|PAUSE|',
			'1795136507|NONE|NONE|Agent/77|PAUSEALL|',
			'1795136508|1795136508.1|q|SIP/8001|CONNECT|0|1795136508.2|0'
		]);
		expect(summary.unmapped_queues).toEqual({ sales: { lines: 2, first_lines: [1, 3] } });
		expect(summary.unmapped_agents).toEqual({
			'SIP/9000': { lines: 2, first_lines: [3, 4] },
			'Agent/77': { lines: 1, first_lines: [5] }
		});
		expect(summary.skipped).toMatchObject({ unmapped_queue: 2, unmapped_agent: 2 });
		expect(kinds(events)).toEqual(['call_answered', 'on_call']);
	});

	it('holds a pause made during a call until the call is over', () => {
		const { events } = run([
			'1795136500|1795136500.1|q|SIP/8001|CONNECT|3|1795136500.2|3',
			'1795136510|NONE|q|SIP/8001|PAUSE|午餐',
			'1795136600|1795136500.1|q|SIP/8001|COMPLETECALLER|3|100|1'
		]);
		expect(kinds(events)).toEqual(['call_answered', 'on_call', 'call_ended', 'wrap_ended', 'lunch(午餐)']);
		expect(events.at(-1)?.at).toBe('2026-11-20T01:03:20.000Z');
	});

	it('keeps the order of two states in one second: the later line is 1 ms later', () => {
		const { events } = run([
			'1795136500|1795136500.1|q|SIP/8001|CONNECT|3|1795136500.2|3',
			'1795136600|1795136500.1|q|SIP/8001|COMPLETECALLER|3|100|1',
			'1795136600|NONE|q|SIP/8001|PAUSE|lunch',
			'1795136600|NONE|NONE|SIP/8001|UNPAUSEALL|'
		]);
		const states = events.flatMap((e) => (e.kind === 'agent_state' ? [`${e.state}@${e.at.slice(17)}`] : []));
		expect(states).toEqual(['on_call@40.000Z', 'available@20.000Z', 'lunch@20.001Z', 'available@20.002Z']);
	});

	it('a pause without a known reason is a break; an empty reason is left out', () => {
		const { events } = run([
			'1795136500|NONE|q|SIP/8001|PAUSE|toilet',
			'1795136600|NONE|q|SIP/8001|UNPAUSE|',
			'1795136700|NONE|q|SIP/8001|PAUSE|',
			'1795136800|NONE|q|SIP/8001|PAUSE|培训'
		]);
		expect(kinds(events)).toEqual(['break(toilet)', 'available', 'break', 'training(培训)']);
	});

	it('leaves a wrap open when the input ends: only a later line can say whether it was cut short', () => {
		const withWrap = parseMapping({ ...mapping, wrapup_s: { q: 45 } });
		const call = [
			'1795136500|1795136500.1|q|SIP/8001|CONNECT|3|1795136500.2|3',
			'1795136600|1795136500.1|q|SIP/8001|COMPLETEAGENT|3|100|1'
		];
		const cut = mapText(call.join('\n'), withWrap);
		expect(kinds(cut.events)).toEqual(['call_answered', 'on_call', 'call_ended', 'wrap_up']);
		expect(cut.summary.open_wraps).toBe(1);
		// A line after the planned end (any queue, any member) ends it then …
		const later = mapText([...call, '1795136700|1795136700.1|q|NONE|ENTERQUEUE||1|1'].join('\n'), withWrap);
		expect(kinds(later.events).slice(4)).toEqual(['wrap_ended', 'available', 'call_offered']);
		expect(later.events[4]?.at).toBe('2026-11-20T01:04:05.000Z');
		expect(later.summary.open_wraps).toBe(0);
		// … and the agent's own next state before it cuts it short, with the same ids as in `later`.
		const cutShort = mapText([...call, '1795136610|NONE|q|SIP/8001|PAUSE|lunch'].join('\n'), withWrap);
		expect(kinds(cutShort.events).slice(4)).toEqual(['wrap_ended', 'lunch(lunch)']);
		expect(cutShort.events[4]?.at).toBe('2026-11-20T01:03:30.000Z');
		expect(cutShort.events[4]?.event_id).toBe(later.events[4]?.event_id);
	});

	it('ends a wrap by the wall clock only when it came due after notBefore', () => {
		const withWrap = parseMapping({ ...mapping, wrapup_s: { q: 45 } });
		const mapper = new QueueLogMapper(withWrap);
		mapper.feed('1795136500|1795136500.1|q|SIP/8001|CONNECT|3|1795136500.2|3');
		mapper.feed('1795136600|1795136500.1|q|SIP/8001|COMPLETEAGENT|3|100|1');
		// Planned end 1795136645: overdue already at notBefore 1795136645, so the clock leaves it.
		expect(mapper.flushDue(1795140000, 1795136645)).toEqual([]);
		expect(mapper.flushDue(1795136644, 1795136600)).toEqual([]);
		expect(kinds(mapper.flushDue(1795136645, 1795136600))).toEqual(['wrap_ended', 'available']);
	});
});

describe('mapping file validation', () => {
	it('names the bad key', () => {
		expect(() => parseMapping({ site_id: 'nope', queues: {}, agents: {} })).toThrow(/site_id: must be a uuid/);
		expect(() => parseMapping({ site_id: DEMO_SITE, queues: {}, agents: {}, wrapup_s: { x: 5 } })).toThrow(
			/wrapup_s\.x: is not a queue/
		);
		expect(() => parseMapping({ site_id: DEMO_SITE, queues: {}, agents: {}, agent: {} })).toThrow(/agent/);
	});
});
