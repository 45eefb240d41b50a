// The signed-in user as reactive state. A resource with an owner: `watch()`
// subscribes to auth changes and returns the teardown, so the component that
// reads it unsubscribes when it goes away (a wall TV runs for weeks).
import type { User } from '@supabase/supabase-js';
import type { AppSupabaseClient } from '$lib/supabase';

export class AuthState {
	user = $state.raw<User | null>(null);
	/** false until the stored session has been read. */
	known = $state(false);
	#client: AppSupabaseClient;

	constructor(client: AppSupabaseClient) {
		this.#client = client;
	}

	watch(): () => void {
		const { data } = this.#client.auth.onAuthStateChange((_event, session) => {
			this.user = session?.user ?? null;
			this.known = true;
		});
		return () => data.subscription.unsubscribe();
	}
}
