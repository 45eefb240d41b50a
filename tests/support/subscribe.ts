// A channel join as a promise, for specs of realtime authorization.
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';

/** Subscribes and resolves with the first settled status (SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT). */
export function subscribe(channel: RealtimeChannel): Promise<{ status: string; error?: Error }> {
	return new Promise((resolve) => {
		channel.subscribe((status, error) => {
			if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED || error) resolve({ status, error });
		});
	});
}
