// Presence state and diffs, checked by replaying them through realtime-js's
// own presence sync (the code that turns them into presenceState()).
import { Presence } from '@supabase/phoenix';
import { describe, expect, it } from 'vitest';
import { TopicPresence, type PresenceDiff, type PresenceMap } from './presence.ts';

function counter() {
	let n = 0;
	return () => `ref${++n}`;
}

/** What a client that joined before any of this would hold after the diffs. */
function clientState(diffs: (PresenceDiff | undefined)[]): PresenceMap {
	const ignore = () => {};
	let state: PresenceMap = {};
	// Phoenix's typings call the diff's joins a single PresenceState; at runtime they are maps by key.
	for (const diff of diffs) if (diff) state = Presence.syncDiff(state, diff as never, ignore, ignore) as PresenceMap;
	return state;
}

describe('TopicPresence', () => {
	it('tracks, groups metas by key and lists them with phx_ref', () => {
		const presence = new TopicPresence(counter());
		presence.track('chan-a', 'tv', { board: 'overview' });
		presence.track('chan-b', 'tv', { board: 'agents' });
		presence.track('chan-c', 'supervisor', { online_at: 1 });
		expect(presence.list()).toEqual({
			tv: {
				metas: [
					{ board: 'overview', phx_ref: 'ref1' },
					{ board: 'agents', phx_ref: 'ref2' }
				]
			},
			supervisor: { metas: [{ online_at: 1, phx_ref: 'ref3' }] }
		});
		expect(presence.size).toBe(3);
	});

	it('sends an update as a join with phx_ref_prev and a leave of the old meta', () => {
		const presence = new TopicPresence(counter());
		const first = presence.track('chan-a', 'tv', { board: 'overview' });
		const update = presence.track('chan-a', 'tv', { board: 'agents' });
		expect(update).toEqual({
			joins: { tv: { metas: [{ board: 'agents', phx_ref: 'ref2', phx_ref_prev: 'ref1' }] } },
			leaves: { tv: { metas: [{ board: 'overview', phx_ref: 'ref1' }] } }
		});
		expect(clientState([first, update])).toEqual({
			tv: { metas: [{ board: 'agents', phx_ref: 'ref2', phx_ref_prev: 'ref1' }] }
		});
	});

	it('ignores a repeated identical track', () => {
		const presence = new TopicPresence(counter());
		expect(presence.track('chan-a', 'tv', { board: 'overview' })).toBeDefined();
		expect(presence.track('chan-a', 'tv', { board: 'overview' })).toBeUndefined();
	});

	it('untracks into a leave that empties the client state', () => {
		const presence = new TopicPresence(counter());
		const joinA = presence.track('chan-a', 'tv', { n: 1 });
		const joinB = presence.track('chan-b', 'tv', { n: 2 });
		const leaveA = presence.untrack('chan-a');
		expect(leaveA).toEqual({ joins: {}, leaves: { tv: { metas: [{ n: 1, phx_ref: 'ref1' }] } } });
		expect(clientState([joinA, joinB, leaveA])).toEqual({ tv: { metas: [{ n: 2, phx_ref: 'ref2' }] } });
		const leaveB = presence.untrack('chan-b');
		expect(clientState([joinA, joinB, leaveA, leaveB])).toEqual({});
		expect(presence.untrack('chan-b')).toBeUndefined();
		expect(presence.list()).toEqual({});
	});

	it('makes unique refs by default', () => {
		const presence = new TopicPresence();
		presence.track('a', 'k', {});
		presence.track('b', 'k', {});
		const refs = presence.list().k?.metas.map((m) => m.phx_ref) ?? [];
		expect(new Set(refs).size).toBe(2);
	});
});
