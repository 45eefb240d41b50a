// The one typed Supabase client of the app (DESIGN.md §2). It is created
// from the runtime config on first use and then shared, because several
// clients would each hold a session, refresh tokens and a realtime socket.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { RuntimeConfig } from './config';
import type { Database } from './database.types';

export type AppSupabaseClient = SupabaseClient<Database>;

let client: AppSupabaseClient | undefined;

export function getSupabase(config: RuntimeConfig): AppSupabaseClient {
	client ??= createClient<Database>(config.supabaseUrl, config.supabaseAnonKey, {
		auth: { persistSession: true, autoRefreshToken: true }
	});
	return client;
}
