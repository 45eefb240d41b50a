// The rows a wallboard holds, and the one rule for changing them: a row
// (or a deletion) is taken only when its `version` is newer than what the
// board already has for that key. Snapshots and Broadcast-from-Database
// messages both go through here, so arrival order never matters (DESIGN.md §3).
import * as z from 'zod/mini';
import type { Tables } from '$lib/database.types';

export type QueueLiveRow = Tables<'queue_live'>;
export type AgentLiveRow = Tables<'agent_live'>;
export type QueueIntervalRow = Tables<'queue_intervals'>;
export type BoardSettingsRow = Tables<'board_settings'>;

interface RowOf {
	queue_live: QueueLiveRow;
	agent_live: AgentLiveRow;
	queue_intervals: QueueIntervalRow;
	board_settings: BoardSettingsRow;
}
export type LiveTable = keyof RowOf;

/** Rows by key, plus the newest version seen per key, deletions included (tombstones). */
export interface VersionedRows<Row> {
	readonly rows: ReadonlyMap<string, Row>;
	readonly versions: ReadonlyMap<string, number>;
}

export type LiveRows = { readonly [T in LiveTable]: VersionedRows<RowOf[T]> };

export type LiveChange = {
	[T in LiveTable]: { table: T; operation: 'INSERT' | 'UPDATE' | 'DELETE'; record: RowOf[T] };
}[LiveTable];

/** Rows as a snapshot query returns them, per table. */
export type LiveSnapshot = { readonly [T in LiveTable]: readonly RowOf[T][] };

// Timestamps arrive as text whose format depends on the session time zone of
// whoever serialised them (REST vs trigger), so interval keys use epoch ms.
const KEY_OF: { [T in LiveTable]: (row: RowOf[T]) => string } = {
	queue_live: (r) => r.queue_id,
	agent_live: (r) => r.agent_id,
	queue_intervals: (r) => `${r.queue_id}|${Date.parse(r.interval_start)}`,
	board_settings: (r) => r.site_id
};

export const LIVE_TABLES = Object.keys(KEY_OF) as LiveTable[];

const EMPTY: VersionedRows<never> = { rows: new Map<string, never>(), versions: new Map<string, number>() };

export function emptyLiveRows(): LiveRows {
	return { queue_live: EMPTY, agent_live: EMPTY, queue_intervals: EMPTY, board_settings: EMPTY };
}

export function rowKey<T extends LiveTable>(table: T, row: RowOf[T]): string {
	return KEY_OF[table](row);
}

/**
 * Takes one row change if it is newer than what is held for its key;
 * returns the same object when nothing changed, so nothing re-renders.
 * A deletion carries the deleted row (with the version it had), so it wins
 * over that same version and loses to anything written after it.
 */
export function applyVersioned<Row extends { version: number | string }>(
	held: VersionedRows<Row>,
	key: string,
	operation: LiveChange['operation'],
	record: Row
): VersionedRows<Row> {
	const version = Number(record.version);
	if (!Number.isFinite(version)) return held;
	const known = held.versions.get(key);
	if (known !== undefined && (operation === 'DELETE' ? version < known : version <= known)) return held;
	const rows = new Map(held.rows);
	if (operation === 'DELETE') rows.delete(key);
	else rows.set(key, record);
	const versions = new Map(held.versions);
	versions.set(key, version);
	return { rows, versions };
}

export function applyChange(state: LiveRows, change: LiveChange): LiveRows {
	const table = change.table;
	const held = state[table] as VersionedRows<RowOf[typeof table]>;
	const key = KEY_OF[table](change.record as never);
	const next = applyVersioned(held, key, change.operation, change.record);
	return next === held ? state : { ...state, [table]: next };
}

/** The state a snapshot describes: exactly its rows, nothing remembered from before. */
export function fromSnapshot(snapshot: LiveSnapshot): LiveRows {
	const state = emptyLiveRows() as { -readonly [T in LiveTable]: VersionedRows<RowOf[T]> };
	for (const table of LIVE_TABLES) {
		const rows = new Map<string, RowOf[typeof table]>();
		const versions = new Map<string, number>();
		for (const row of snapshot[table]) {
			const key = KEY_OF[table](row as never);
			const version = Number(row.version);
			// Two rows for one key cannot come from one query, but keep the newer anyway.
			if ((versions.get(key) ?? -Infinity) >= version) continue;
			rows.set(key, row);
			versions.set(key, version);
		}
		(state as Record<LiveTable, VersionedRows<unknown>>)[table] = { rows, versions };
	}
	return state;
}

/**
 * A snapshot plus the broadcasts that arrived while it was being fetched:
 * those older than the snapshot's rows are dropped by version, newer ones
 * applied in version order.
 */
export function mergeSnapshot(snapshot: LiveSnapshot, buffered: readonly LiveChange[]): LiveRows {
	const ordered = [...buffered].sort((a, b) => Number(a.record.version) - Number(b.record.version));
	return ordered.reduce(applyChange, fromSnapshot(snapshot));
}

/** Keeps only the queue intervals that start in [fromMs, toMs): the site's today (yesterday's go after midnight). */
export function keepIntervalsWithin(state: LiveRows, fromMs: number, toMs: number): LiveRows {
	const held = state.queue_intervals;
	const outside = [...held.rows].filter(([, row]) => !startsWithin(row, fromMs, toMs));
	if (outside.length === 0) return state;
	const rows = new Map(held.rows);
	const versions = new Map(held.versions);
	for (const [key] of outside) {
		rows.delete(key);
		versions.delete(key);
	}
	return { ...state, queue_intervals: { rows, versions } };
}

export function startsWithin(row: Pick<QueueIntervalRow, 'interval_start'>, fromMs: number, toMs: number): boolean {
	const start = Date.parse(row.interval_start);
	return start >= fromMs && start < toMs;
}

// The envelope the wall trigger sends; a record must at least carry its key
// columns and a version. Anything else on the topic is ignored, not trusted.
const uuid = z.string().check(z.minLength(1));
const version = z.union([z.number(), z.string().check(z.regex(/^\d+$/))]);
const RECORD_SHAPE = {
	queue_live: z.looseObject({ queue_id: uuid, site_id: uuid, version }),
	agent_live: z.looseObject({ agent_id: uuid, site_id: uuid, version }),
	queue_intervals: z.looseObject({ queue_id: uuid, site_id: uuid, interval_start: z.string(), version }),
	board_settings: z.looseObject({ site_id: uuid, settings: z.record(z.string(), z.unknown()), version })
};
const Envelope = z.object({
	table: z.enum(LIVE_TABLES as [LiveTable, ...LiveTable[]]),
	operation: z.enum(['INSERT', 'UPDATE', 'DELETE']),
	record: z.record(z.string(), z.unknown())
});

/** The change a broadcast payload describes, or null when it is not one of ours. */
export function parseChange(payload: unknown): LiveChange | null {
	const envelope = Envelope.safeParse(payload);
	if (!envelope.success) return null;
	const { table, operation, record } = envelope.data;
	if (!RECORD_SHAPE[table].safeParse(record).success) return null;
	if (table === 'queue_intervals' && Number.isNaN(Date.parse(String(record.interval_start)))) return null;
	return { table, operation, record } as LiveChange;
}
