// supabase-js the way a Node test uses it: no stored session, no refresh
// timers, and `ws` as the realtime transport (Node 20 has no WebSocket, and
// the client will not start without one even when it never joins).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { nodeWebSocket } from '../../server/node-websocket.ts';
import type { Database } from '../../src/lib/database.types.ts';

export interface NodeClientOptions {
	/** Extra headers on every request, such as a user's bearer token. */
	headers?: Record<string, string>;
	realtime?: { vsn?: '1.0.0' | '2.0.0'; heartbeatIntervalMs?: number };
}

export function nodeClient<D = Database>(url: string, key: string, options: NodeClientOptions = {}): SupabaseClient<D> {
	return createClient<D>(url, key, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: nodeWebSocket, ...options.realtime },
		global: { headers: options.headers ?? {} }
	});
}
