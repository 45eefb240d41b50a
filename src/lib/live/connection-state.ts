// What the board says about its numbers: live, reconnecting, or stale since
// a given time. Derived from the channel's phase and the last sign of life
// (a heartbeat answered on a joined channel, a broadcast, a snapshot), so a
// board never shows old numbers as if they were current (DESIGN.md §6).

/** The wall channel as the board sees it. */
export type ChannelPhase = 'joining' | 'joined' | 'errored' | 'closed';

export type Connection =
	{ kind: 'connecting' } | { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'stale'; since: number };

/** Without a heartbeat or data for this long, numbers are stale. */
export const STALE_AFTER_MS = 30_000;

export interface ConnectionInputs {
	phase: ChannelPhase;
	/** true once the snapshot taken after the latest join has been applied. */
	synced: boolean;
	/** Local time (ms) of the last sign of life, null before the first snapshot. */
	lastAliveAt: number | null;
	/** Local time (ms) now. */
	now: number;
}

export function connectionState({ phase, synced, lastAliveAt, now }: ConnectionInputs): Connection {
	if (lastAliveAt === null) return { kind: 'connecting' };
	if (now - lastAliveAt >= STALE_AFTER_MS) return { kind: 'stale', since: lastAliveAt };
	if (phase === 'joined' && synced) return { kind: 'live' };
	return { kind: 'reconnecting' };
}
