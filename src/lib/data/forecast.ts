// What the forecast page reads and writes. The method, the checks and who
// may do what live in SQL (migrations 20261206100000–100300): forecasts are
// made and adjusted by RPC as new versions, requirements are computed in the
// browser with Erlang and saved by RPC. The RPCs' rows are read with zod:
// generated types do not say which of their columns may be null.
import * as z from 'zod/mini';
import { TZDate } from '@date-fns/tz';
import { addDays } from '$lib/calendar-date';
import { parseForecastInputs, type ForecastInputs } from '$lib/staffing/forecast-inputs';
import type { RequirementParams, RequirementRow } from '$lib/staffing/forecast-requirements';
import type { IntervalRow } from '$lib/staffing/forecast-week';
import type { AppSupabaseClient } from '$lib/supabase';

const staffingQueue = z.object({
	queue_id: z.string(),
	queue_name: z.string(),
	direction: z.enum(['inbound', 'outbound']),
	sl_target: z.number(),
	sl_threshold_s: z.number(),
	aht_target_s: z.number(),
	model: z.enum(['erlang_c', 'erlang_a']),
	max_occupancy: z.number(),
	shrinkage: z.number(),
	history_weeks: z.number(),
	recency_decay: z.number(),
	trend_cap: z.number(),
	patience_s: z.nullable(z.number()),
	abandons: z.number(),
	policy_set: z.boolean(),
	updated_at: z.nullable(z.string()),
	updated_by_name: z.nullable(z.string())
});
export type StaffingQueue = z.infer<typeof staffingQueue>;

const adjustment = z.object({
	day: z.string(),
	from_time: z.nullable(z.string()),
	to_time: z.nullable(z.string()),
	kind: z.enum(['percent', 'absolute']),
	value: z.number(),
	reason: z.string()
});
export type ForecastAdjustment = z.infer<typeof adjustment>;

const forecastVersion = z.object({
	id: z.string(),
	version: z.number(),
	method: z.string(),
	based_on: z.nullable(z.string()),
	based_on_version: z.nullable(z.number()),
	created_at: z.string(),
	created_by_name: z.nullable(z.string()),
	offered_total: z.number(),
	has_requirements: z.boolean(),
	requirement_params: z.nullable(z.record(z.string(), z.unknown())),
	adjustment: z.nullable(adjustment)
});
export type ForecastVersion = z.infer<typeof forecastVersion>;

const backtest = z.object({
	week_start: z.string(),
	actual_offered: z.nullable(z.number()),
	forecast_offered: z.nullable(z.number()),
	wape: z.nullable(z.number()),
	problem: z.nullable(z.enum(['no_history', 'no_calendar', 'no_calls']))
});
export type Backtest = z.infer<typeof backtest>;

/** Rows of an RPC, read with `schema`; a row of another shape is an error, not a guess. */
export function parseRows<T>(schema: z.ZodMiniType<T>, rows: unknown, what: string): T[] {
	const parsed = z.array(schema).safeParse(rows);
	if (!parsed.success) throw new Error(`${what}: unexpected rows (${parsed.error.message})`);
	return parsed.data;
}

export const parseStaffingQueues = (rows: unknown) => parseRows(staffingQueue, rows, 'staffing_parameters');
export const parseForecastVersions = (rows: unknown) => parseRows(forecastVersion, rows, 'forecast_versions');
export const parseBacktests = (rows: unknown) => parseRows(backtest, rows, 'forecast_backtest');

/** Every queue of the site with its staffing parameters; 42501 for a role that may not read them. */
export async function fetchStaffingQueues(client: AppSupabaseClient, siteId: string): Promise<StaffingQueue[]> {
	const { data, error } = await client.rpc('staffing_parameters', { site_id: siteId });
	if (error) throw error;
	return parseStaffingQueues(data);
}

/** A queue's versions of the week, newest first. */
export async function fetchForecastVersions(
	client: AppSupabaseClient,
	queueId: string,
	week: string
): Promise<ForecastVersion[]> {
	const { data, error } = await client.rpc('forecast_versions', { queue_id: queueId, week_start: week });
	if (error) throw error;
	return parseForecastVersions(data);
}

export interface ForecastDetail {
	inputs: ForecastInputs | null;
	intervals: IntervalRow[];
}

/** A version's inputs and intervals (672 rows, under any API row limit). */
export async function fetchForecastDetail(client: AppSupabaseClient, forecastId: string): Promise<ForecastDetail> {
	const [forecast, intervals] = await Promise.all([
		client.from('forecasts').select('inputs').eq('id', forecastId).single(),
		client
			.from('forecast_intervals')
			.select('interval_start, offered, aht_s')
			.eq('forecast_id', forecastId)
			.order('interval_start')
	]);
	if (forecast.error) throw forecast.error;
	if (intervals.error) throw intervals.error;
	return { inputs: parseForecastInputs(forecast.data.inputs), intervals: intervals.data };
}

export async function fetchRequirements(client: AppSupabaseClient, forecastId: string): Promise<RequirementRow[]> {
	const { data, error } = await client
		.from('staffing_requirements')
		.select('interval_start, agents, raw_agents, service_level, occupancy')
		.eq('forecast_id', forecastId)
		.order('interval_start');
	if (error) throw error;
	return data.map((r) => ({ ...r, service_level: r.service_level ?? 0, occupancy: r.occupancy ?? 0 }));
}

/** The site-local day as [start, end) ISO instants. */
export function dayRange(day: string, timeZone: string): { from: string; to: string } {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	const start = new TZDate(y, mo - 1, d, timeZone);
	const next = addDays(day, 1).split('-').map(Number) as [number, number, number];
	const end = new TZDate(next[0], next[1] - 1, next[2], timeZone);
	// As UTC instants: TZDate's own ISO text carries the zone's offset.
	return { from: new Date(start.getTime()).toISOString(), to: new Date(end.getTime()).toISOString() };
}

export interface HistoryDay {
	day: string;
	rows: { interval_start: string; offered: number }[];
}

/** The queue's offered calls per interval on each of `days` (the days a forecast read). */
export async function fetchHistoryDays(
	client: AppSupabaseClient,
	queueId: string,
	days: readonly string[],
	timeZone: string
): Promise<HistoryDay[]> {
	return Promise.all(
		days.map(async (day) => {
			const { from, to } = dayRange(day, timeZone);
			const { data, error } = await client
				.from('queue_intervals')
				.select('interval_start, offered')
				.eq('queue_id', queueId)
				.gte('interval_start', from)
				.lt('interval_start', to)
				.order('interval_start');
			if (error) throw error;
			return { day, rows: data };
		})
	);
}

export async function fetchBacktest(client: AppSupabaseClient, queueId: string): Promise<Backtest | null> {
	const { data, error } = await client.rpc('forecast_backtest', { queue_id: queueId });
	if (error) throw error;
	return parseBacktests(data)[0] ?? null;
}

/** Makes a new version from history; returns its number. */
export async function createForecast(client: AppSupabaseClient, queueId: string, week: string): Promise<number> {
	const { data, error } = await client.rpc('create_forecast', { queue_id: queueId, week_start: week });
	if (error) throw error;
	return data.version;
}

export interface AdjustmentInput {
	day: string;
	/** 'HH:MM' or null for the day's start / end. */
	fromTime: string | null;
	toTime: string | null;
	kind: 'percent' | 'absolute';
	value: number;
	reason: string;
}

/** Makes a new version of `forecastId` with one adjustment; returns its number. */
export async function adjustForecast(
	client: AppSupabaseClient,
	forecastId: string,
	a: AdjustmentInput
): Promise<number> {
	const { data, error } = await client.rpc('adjust_forecast', {
		forecast_id: forecastId,
		day: a.day,
		// The generated types take the RPC's nullable times as strings.
		from_time: a.fromTime as string,
		to_time: a.toTime as string,
		kind: a.kind,
		value: a.value,
		reason: a.reason
	});
	if (error) throw error;
	return data.version;
}

export interface PolicyInput {
	model: 'erlang_c' | 'erlang_a';
	maxOccupancy: number;
	shrinkage: number;
	historyWeeks: number;
	recencyDecay: number;
	trendCap: number;
}

export async function saveStaffingPolicy(client: AppSupabaseClient, queueId: string, p: PolicyInput): Promise<void> {
	const { error } = await client.rpc('save_staffing_policy', {
		queue_id: queueId,
		model: p.model,
		max_occupancy: p.maxOccupancy,
		shrinkage: p.shrinkage,
		history_weeks: p.historyWeeks,
		recency_decay: p.recencyDecay,
		trend_cap: p.trendCap
	});
	if (error) throw error;
}

/** Saves a version's requirements, replacing any saved before; returns the rows saved. */
export async function saveRequirements(
	client: AppSupabaseClient,
	forecastId: string,
	params: RequirementParams,
	rows: RequirementRow[]
): Promise<number> {
	const { data, error } = await client.rpc('save_staffing_requirements', {
		forecast_id: forecastId,
		params: { ...params },
		rows: rows.map((r) => ({ ...r }))
	});
	if (error) throw error;
	return data;
}
