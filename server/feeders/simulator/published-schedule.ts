// The site's published schedules as the simulator works them: for one site
// day, every shift an agent holds that overlaps it (the day's own, and the
// day before's night shifts running past midnight), or null when no
// published schedule covers the day — the simulator then falls back to the
// fixed hours of shifts.ts. Read through supabase-js with the service key,
// the same way the ingest sink reaches the database, so it works against
// the single box (PGlite or Postgres) and a Supabase project alike.
import { createClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { nodeWebSocket } from '../../node-websocket.ts';
import type { SiteDay } from './site-time.ts';

export interface ScheduledBreak {
	/** Minutes after the shift's start. */
	startMin: number;
	minutes: number;
	paid: boolean;
}

export interface ScheduledShift {
	agentId: string;
	/** The site date the shift starts on (yyyy-MM-dd). */
	day: string;
	/** Instants (ms since the epoch), as the database derived them in the site's zone. */
	start: number;
	end: number;
	breaks: readonly ScheduledBreak[];
}

export interface DaySchedule {
	/** In start order, then agent id: the order the simulator plans them in. */
	shifts: readonly ScheduledShift[];
}

/** The published schedule of a site day; null when there is none. */
export type ScheduleSource = (day: SiteDay, signal?: AbortSignal) => Promise<DaySchedule | null>;

/**
 * A read that takes longer than this gives up, and one that fails is not
 * tried again (supabase-js would back off for seconds): the day then runs on
 * fixed hours rather than keeping the floor waiting.
 */
const READ_TIMEOUT_MS = 15_000;

const DAY_MS = 86_400_000;
const dateKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const keyMs = (key: string) => Date.parse(`${key}T00:00:00Z`);

export const addDays = (key: string, days: number): string => dateKey(keyMs(key) + days * DAY_MS);

/** The Monday that starts the schedule week of a date. */
export function weekStartOf(key: string): string {
	const weekday = new Date(keyMs(key)).getUTCDay(); // 0 = Sunday
	return addDays(key, -((weekday + 6) % 7));
}

const breakRow = z.object({
	start_min: z.number().int().positive(),
	minutes: z.number().int().positive(),
	paid: z.boolean()
});
const scheduleRow = z.object({ id: z.string(), week_start: z.string() });
const shiftRow = z.object({
	agent_id: z.string().nullable(),
	day: z.string(),
	start_ts: z.string(),
	end_ts: z.string(),
	breaks: z.array(breakRow)
});
export type ScheduleRow = z.infer<typeof scheduleRow>;
export type ShiftRow = z.infer<typeof shiftRow>;

/**
 * The day's schedule from the published schedules of its week and the week
 * before (which may hold last night's shift) and their shifts. Open shifts
 * (nobody holds them) and shifts that end before the day are left out.
 */
export function daySchedule(
	day: SiteDay,
	schedules: readonly ScheduleRow[],
	shifts: readonly ShiftRow[]
): DaySchedule | null {
	if (!schedules.some((s) => s.week_start === weekStartOf(day.key))) return null;
	const held: ScheduledShift[] = [];
	for (const row of shifts) {
		if (row.agent_id === null) continue;
		const shift = {
			agentId: row.agent_id,
			day: row.day,
			start: Date.parse(row.start_ts),
			end: Date.parse(row.end_ts),
			breaks: row.breaks.map((b) => ({ startMin: b.start_min, minutes: b.minutes, paid: b.paid }))
		};
		if (Number.isNaN(shift.start) || Number.isNaN(shift.end)) {
			throw new Error(`schedule_shifts: unreadable times ${row.start_ts} – ${row.end_ts}`);
		}
		if (shift.end > day.start && shift.start < day.end) held.push(shift);
	}
	held.sort((a, b) => a.start - b.start || a.agentId.localeCompare(b.agentId));
	return { shifts: held };
}

function parseRows<T>(schema: z.ZodType<T>, table: string, data: unknown): T[] {
	const parsed = z.array(schema).safeParse(data);
	if (!parsed.success) throw new Error(`${table}: unexpected rows (${parsed.error.message})`);
	return parsed.data;
}

/** Reads the published schedules of `siteId` at `url` with the service-role key. */
export function supabaseScheduleSource(url: string, serviceKey: string, siteId: string): ScheduleSource {
	const client = createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no WebSocket and the client will not start without one; realtime is never joined here.
		realtime: { transport: nodeWebSocket }
	});
	return async (day, stop) => {
		const timeout = AbortSignal.timeout(READ_TIMEOUT_MS);
		const signal = stop ? AbortSignal.any([stop, timeout]) : timeout;
		const yesterday = addDays(day.key, -1);
		const weeks = [...new Set([weekStartOf(yesterday), weekStartOf(day.key)])];
		const published = await client
			.from('schedules')
			.select('id, week_start')
			.eq('site_id', siteId)
			.eq('status', 'published')
			.in('week_start', weeks)
			.retry(false)
			.abortSignal(signal);
		if (published.error) throw new Error(`schedules: ${published.error.message}`);
		const schedules = parseRows(scheduleRow, 'schedules', published.data);
		if (schedules.length === 0) return null;
		const held = await client
			.from('schedule_shifts')
			.select('agent_id, day, start_ts, end_ts, breaks')
			.in(
				'schedule_id',
				schedules.map((s) => s.id)
			)
			.in('day', [yesterday, day.key])
			.retry(false)
			.abortSignal(signal);
		if (held.error) throw new Error(`schedule_shifts: ${held.error.message}`);
		return daySchedule(day, schedules, parseRows(shiftRow, 'schedule_shifts', held.data));
	};
}
