// The version rule for snapshots and broadcasts, with the races a TV meets:
// late, duplicated and reordered messages, deletions and re-inserts, and
// broadcasts that arrive while the snapshot is still being fetched.
import { describe, expect, it } from 'vitest';
import {
	applyChange,
	emptyLiveRows,
	fromSnapshot,
	keepIntervalsWithin,
	mergeSnapshot,
	parseChange,
	type AgentLiveRow,
	type LiveChange,
	type LiveSnapshot,
	type QueueIntervalRow,
	type QueueLiveRow
} from './live-rows';

const SITE = '5a000000-0000-4000-8000-000000000001';
const SALES = '9e000000-0000-4000-8000-000000000001';
const AGENT = 'ac000000-0000-4000-8000-000000000101';

function queue(version: number, calls_waiting: number): QueueLiveRow {
	return {
		queue_id: SALES,
		site_id: SITE,
		calls_waiting,
		oldest_waiting_since: calls_waiting > 0 ? '2026-11-23T02:00:00+00:00' : null,
		agents_available: 3,
		agents_on_call: 1,
		agents_wrap_up: 0,
		agents_not_ready: 0,
		version,
		updated_at: '2026-11-23T02:00:00+00:00'
	};
}

function agent(version: number, state: AgentLiveRow['state']): AgentLiveRow {
	return {
		agent_id: AGENT,
		site_id: SITE,
		state,
		state_since: '2026-11-23T02:00:00+00:00',
		reason: null,
		queue_id: null,
		version,
		updated_at: '2026-11-23T02:00:00+00:00'
	};
}

function interval(version: number, start: string, offered: number): QueueIntervalRow {
	return {
		queue_id: SALES,
		site_id: SITE,
		interval_start: start,
		offered,
		answered: 0,
		answered_within_sl: 0,
		abandoned: 0,
		abandoned_short: 0,
		timed_out: 0,
		handled: 0,
		talk_s: 0,
		hold_s: 0,
		acw_s: 0,
		wait_answered_s: 0,
		version,
		updated_at: start
	};
}

const change = <C extends LiveChange>(c: C): C => c;
const snapshot = (parts: Partial<LiveSnapshot>): LiveSnapshot => ({
	queue_live: [],
	agent_live: [],
	queue_intervals: [],
	board_settings: [],
	...parts
});

describe('applyChange', () => {
	it('takes a newer version and ignores an older or equal one', () => {
		let state = applyChange(emptyLiveRows(), change({ table: 'queue_live', operation: 'UPDATE', record: queue(5, 2) }));
		expect(state.queue_live.rows.get(SALES)?.calls_waiting).toBe(2);

		const afterOld = applyChange(state, change({ table: 'queue_live', operation: 'UPDATE', record: queue(4, 9) }));
		expect(afterOld).toBe(state);
		const afterSame = applyChange(state, change({ table: 'queue_live', operation: 'UPDATE', record: queue(5, 9) }));
		expect(afterSame).toBe(state);

		state = applyChange(state, change({ table: 'queue_live', operation: 'UPDATE', record: queue(7, 0) }));
		expect(state.queue_live.rows.get(SALES)?.calls_waiting).toBe(0);
	});

	it('compares versions as numbers even when they arrive as text', () => {
		const nine = { ...queue(0, 1), version: '9' as unknown as number };
		const ten = { ...queue(0, 4), version: '10' as unknown as number };
		let state = applyChange(emptyLiveRows(), change({ table: 'queue_live', operation: 'UPDATE', record: ten }));
		state = applyChange(state, change({ table: 'queue_live', operation: 'UPDATE', record: nine }));
		expect(state.queue_live.rows.get(SALES)?.calls_waiting).toBe(4);
	});

	it('removes a row on delete and keeps a tombstone against late updates, but takes a re-insert', () => {
		let state = applyChange(
			emptyLiveRows(),
			change({ table: 'agent_live', operation: 'INSERT', record: agent(3, 'available') })
		);
		state = applyChange(state, change({ table: 'agent_live', operation: 'UPDATE', record: agent(8, 'on_call') }));
		// the delete carries the deleted row, version 8: it must win over the row it deletes
		state = applyChange(state, change({ table: 'agent_live', operation: 'DELETE', record: agent(8, 'on_call') }));
		expect(state.agent_live.rows.has(AGENT)).toBe(false);

		const late = applyChange(state, change({ table: 'agent_live', operation: 'UPDATE', record: agent(6, 'wrap_up') }));
		expect(late.agent_live.rows.has(AGENT)).toBe(false);

		state = applyChange(state, change({ table: 'agent_live', operation: 'INSERT', record: agent(12, 'available') }));
		expect(state.agent_live.rows.get(AGENT)?.state).toBe('available');
	});

	it('keys intervals by instant, whatever time zone the timestamp was written in', () => {
		let state = applyChange(
			emptyLiveRows(),
			change({ table: 'queue_intervals', operation: 'INSERT', record: interval(2, '2026-11-23T02:15:00+00:00', 1) })
		);
		state = applyChange(
			state,
			change({ table: 'queue_intervals', operation: 'UPDATE', record: interval(4, '2026-11-23T10:15:00+08:00', 2) })
		);
		expect(state.queue_intervals.rows.size).toBe(1);
		expect([...state.queue_intervals.rows.values()][0]?.offered).toBe(2);
	});
});

describe('mergeSnapshot', () => {
	it('replays broadcasts buffered during the fetch in version order, dropping those the snapshot already has', () => {
		const buffered: LiveChange[] = [
			change({ table: 'queue_live', operation: 'UPDATE', record: queue(12, 3) }),
			change({ table: 'queue_live', operation: 'UPDATE', record: queue(9, 1) }), // older than the snapshot
			change({ table: 'queue_live', operation: 'UPDATE', record: queue(11, 2) })
		];
		const state = mergeSnapshot(snapshot({ queue_live: [queue(10, 5)] }), buffered);
		expect(state.queue_live.rows.get(SALES)?.calls_waiting).toBe(3);
		expect(state.queue_live.versions.get(SALES)).toBe(12);
	});

	it('keeps the snapshot when every buffered broadcast is older', () => {
		const state = mergeSnapshot(snapshot({ queue_live: [queue(10, 5)] }), [
			change({ table: 'queue_live', operation: 'UPDATE', record: queue(9, 1) })
		]);
		expect(state.queue_live.rows.get(SALES)?.calls_waiting).toBe(5);
	});

	it('forgets rows the new snapshot no longer has (an agent who logged out while we were away)', () => {
		const before = fromSnapshot(snapshot({ agent_live: [agent(3, 'available')] }));
		expect(before.agent_live.rows.size).toBe(1);
		const after = mergeSnapshot(snapshot({}), []);
		expect(after.agent_live.rows.size).toBe(0);
	});

	it('applies a delete and re-insert buffered during the fetch', () => {
		const state = mergeSnapshot(snapshot({ agent_live: [agent(3, 'available')] }), [
			change({ table: 'agent_live', operation: 'INSERT', record: agent(14, 'break') }),
			change({ table: 'agent_live', operation: 'DELETE', record: agent(3, 'available') })
		]);
		expect(state.agent_live.rows.get(AGENT)?.state).toBe('break');
	});
});

describe('keepIntervalsWithin', () => {
	it('keeps today’s intervals only and returns the same state when nothing is outside', () => {
		const state = fromSnapshot(
			snapshot({
				queue_intervals: [
					interval(1, '2026-11-22T15:45:00+00:00', 4),
					interval(2, '2026-11-22T16:00:00+00:00', 6),
					interval(3, '2026-11-23T16:00:00+00:00', 9)
				]
			})
		);
		const midnightShanghai = Date.parse('2026-11-22T16:00:00Z');
		const today = keepIntervalsWithin(state, midnightShanghai, midnightShanghai + 86_400_000);
		expect([...today.queue_intervals.rows.values()].map((r) => r.offered)).toEqual([6]);
		expect(today.queue_intervals.versions.size).toBe(1);
		expect(keepIntervalsWithin(today, midnightShanghai, midnightShanghai + 86_400_000)).toBe(today);
	});
});

describe('parseChange', () => {
	it('accepts the wall trigger payload and rejects anything else', () => {
		const payload = { table: 'queue_live', operation: 'UPDATE', record: queue(3, 1) };
		expect(parseChange(payload)).toEqual(payload);
		expect(parseChange({ ...payload, table: 'leads' })).toBeNull();
		expect(parseChange({ ...payload, operation: 'TRUNCATE' })).toBeNull();
		expect(parseChange({ ...payload, record: { queue_id: SALES } })).toBeNull();
		expect(
			parseChange({ table: 'queue_intervals', operation: 'INSERT', record: { ...interval(1, 'x', 0) } })
		).toBeNull();
		expect(parseChange('hello')).toBeNull();
		expect(parseChange(null)).toBeNull();
	});
});
