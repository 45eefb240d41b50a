// The Today board of a site, live: the rows of rpc('attendance_today')
// fetched at start, every minute (a shift's grace runs out and the minutes
// overdue add up without any event), and right after the database says the
// site's judged days changed — on the private topic attendance:<site_id>
// (20261207160000_attendance_live.sql), whose messages name only dates.
// Every join (the first, and each after the link dropped) fetches again,
// since a punch may have come while nobody listened. A resource with an
// owner: start() returns the teardown.
import * as z from 'zod/mini';
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import { fetchAttendanceToday, type TodayLine } from '$lib/data/attendance-today';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { PolledFetch } from './polled-fetch.svelte';

export const ATTENDANCE_CHANGED = 'attendance_changed';

// A broadcast is data from outside this code: checked, never trusted.
const Changed = z.object({ work_dates: z.array(z.string()) });

/** The work dates a broadcast names, or null for a payload of another shape. */
export function changedDates(payload: unknown): string[] | null {
	const parsed = Changed.safeParse(payload);
	return parsed.success ? parsed.data.work_dates : null;
}

export interface AttendanceTodayOptions {
	client: AppSupabaseClient;
	siteId: string;
}

export class AttendanceToday extends PolledFetch<TodayLine[]> {
	readonly siteId: string;
	readonly #client: AppSupabaseClient;
	#joined = $state(false);

	constructor({ client, siteId }: AttendanceTodayOptions) {
		super({
			initial: [],
			fetch: () => fetchAttendanceToday(client, siteId),
			pollMs: 60_000,
			// A punch re-judges one day: a short wait folds a burst (an import) into one fetch.
			settleMs: 150,
			failed: m.att_view_today_failed
		});
		this.siteId = siteId;
		this.#client = client;
	}

	/** true while the topic is joined: changes arrive as they happen. */
	get joined(): boolean {
		return this.#joined;
	}

	override start(): () => void {
		const stopPolling = super.start();
		let running = true;
		const client = this.#client;
		const channel: RealtimeChannel = client.channel(`attendance:${this.siteId}`, { config: { private: true } });
		channel.on('broadcast', { event: ATTENDANCE_CHANGED }, (message: { payload?: unknown }) => {
			// Any well-formed change fetches again: the board holds today's shifts and a night
			// shift begun yesterday, and one fetch costs less than deciding which dates matter.
			if (changedDates(message.payload) !== null && running) this.refresh();
		});
		client.realtime.setAuth().then(
			() => {
				if (!running) return;
				channel.subscribe((status) => {
					const joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
					if (joined && !this.#joined && running) this.refresh(0);
					this.#joined = joined;
				});
			},
			(err: unknown) => handleError(err, m.att_view_live_failed())
		);
		return () => {
			running = false;
			this.#joined = false;
			stopPolling();
			void client.removeChannel(channel);
		};
	}
}
