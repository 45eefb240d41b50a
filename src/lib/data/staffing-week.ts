// What the rota editor needs of staffing for one week: each queue's staffing
// parameters (service-level target and threshold, model, shrinkage) and the
// agents it requires per 15-minute interval with the forecast calls and AHT
// behind them (public.week_requirements: the latest forecast version of the
// week with requirements). Intervals are placed by their site-local clock,
// so the arrays line up with the rota's days (index day × 96 + interval).
import { TZDate } from '@date-fns/tz';
import { addDays } from '$lib/calendar-date';
import type { Database } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';
import type { QueueDemand } from '$lib/staffing/heatmap';
import type { ProjectionSettings } from '$lib/staffing/projected-service';
import { WEEK_INTERVAL_COUNT } from '$lib/staffing/queue-coverage';

export type StaffingQueue = Database['public']['Functions']['staffing_parameters']['Returns'][number];

export interface WeekDemand extends QueueDemand {
	forecastId: string;
	version: number;
}

export interface WeekStaffing {
	queues: StaffingQueue[];
	/** Per queue with requirements for the week. */
	demand: Map<string, WeekDemand>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The site-local index of an instant in the week of `week` (Monday), or null outside it. */
export function weekIndex(at: string, week: string, timeZone: string): number | null {
	const local = new TZDate(Date.parse(at), timeZone);
	const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
	const day = Array.from({ length: 7 }, (_, i) => addDays(week, i)).indexOf(date);
	if (day < 0) return null;
	return day * 96 + Math.floor((local.getHours() * 60 + local.getMinutes()) / 15);
}

type RequirementRow = Database['public']['Functions']['week_requirements']['Returns'][number];

/** A read returns at most the API's max-rows (1,000 as on Supabase); a week is 672 rows per queue. */
const PAGE = 1000;

async function weekRequirements(client: AppSupabaseClient, siteId: string, week: string): Promise<RequirementRow[]> {
	const rows: RequirementRow[] = [];
	for (;;) {
		const { data, error } = await client
			.rpc('week_requirements', { site_id: siteId, week_start: week })
			.range(rows.length, rows.length + PAGE - 1);
		if (error) throw error;
		rows.push(...data);
		if (data.length < PAGE) return rows;
	}
}

export async function fetchWeekStaffing(
	client: AppSupabaseClient,
	siteId: string,
	week: string,
	timeZone: string
): Promise<WeekStaffing> {
	const [parameters, requirements] = await Promise.all([
		client.rpc('staffing_parameters', { site_id: siteId }),
		weekRequirements(client, siteId, week)
	]);
	if (parameters.error) throw parameters.error;
	const demand = new Map<string, WeekDemand & { required: number[]; calls: number[]; ahtSeconds: number[] }>();
	for (const row of requirements) {
		let queue = demand.get(row.queue_id);
		if (!queue) {
			queue = {
				forecastId: row.forecast_id,
				version: row.version,
				required: new Array<number>(WEEK_INTERVAL_COUNT).fill(0),
				calls: new Array<number>(WEEK_INTERVAL_COUNT).fill(0),
				ahtSeconds: new Array<number>(WEEK_INTERVAL_COUNT).fill(0)
			};
			demand.set(row.queue_id, queue);
		}
		const at = weekIndex(row.interval_start, week, timeZone);
		if (at === null) continue;
		queue.required[at] = row.agents;
		queue.calls[at] = Number(row.offered);
		queue.ahtSeconds[at] = Number(row.aht_s);
	}
	return { queues: parameters.data, demand };
}

/** How the heatmap projects a queue's service level: its threshold, model and shrinkage. */
export function projectionOf(queue: StaffingQueue): ProjectionSettings {
	const abandoning = queue.model === 'erlang_a' && queue.patience_s !== null && Number(queue.patience_s) > 0;
	return {
		intervalSeconds: 900,
		targetSeconds: queue.sl_threshold_s,
		model: abandoning ? 'erlang-a' : 'erlang-c',
		patienceSeconds: abandoning ? Number(queue.patience_s) : undefined,
		shrinkage: Number(queue.shrinkage)
	};
}
