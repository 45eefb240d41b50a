// The signed-in user as reactive state. A resource with an owner, like the
// live-state classes: start() subscribes to auth changes and returns the
// teardown, so the component that reads it unsubscribes when it goes away
// (a wall TV runs for weeks).
import type { User } from '@supabase/supabase-js';
import type { AppSupabaseClient } from '$lib/supabase';

export class AuthState {
	readonly #client: AppSupabaseClient;
	#user = $state.raw<User | null>(null);
	#known = $state(false);

	constructor(client: AppSupabaseClient) {
		this.#client = client;
	}

	readonly user: User | null = $derived(this.#user);
	/** false until the stored session has been read. */
	readonly known: boolean = $derived(this.#known);

	start(): () => void {
		const { data } = this.#client.auth.onAuthStateChange((_event, session) => {
			this.#user = session?.user ?? null;
			this.#known = true;
		});
		return () => data.subscription.unsubscribe();
	}
}
