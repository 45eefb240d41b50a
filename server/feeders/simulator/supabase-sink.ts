// The real sink: rpc('ingest_events', {events}) through supabase-js with the
// service-role key — the single box or a Supabase project alike.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { WebSocket } from 'ws';
import { z } from 'zod';
import type { IngestSink } from './event-batcher.ts';

export function supabaseSink(url: string, serviceKey: string, options: { timeoutMs?: number } = {}): IngestSink {
	const client = createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no WebSocket and the client will not start without one; realtime is never joined here.
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
	});
	const timeoutMs = options.timeoutMs ?? 30_000;
	return async (events) => {
		const { error, status } = await client.rpc('ingest_events', { events }).abortSignal(AbortSignal.timeout(timeoutMs));
		if (error) throw new Error(`HTTP ${status}${error.code ? ` ${error.code}` : ''}: ${error.message}`);
	};
}

const KeysFile = z.object({ service_role_key: z.string().min(20) });

/** The single box's service key: `service_role_key` in $CALLBOARD_DATA/keys.json (default .callboard). */
export async function serviceKeyFromDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const file = path.resolve(env.CALLBOARD_DATA || '.callboard', 'keys.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code ?? String(err);
		throw new Error(`no --key given and ${file} cannot be read (${code}); start the server once or pass --key`, {
			cause: err
		});
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new Error(`${file} is not JSON`, { cause: err });
	}
	const parsed = KeysFile.safeParse(json);
	if (!parsed.success) throw new Error(`${file} has no service_role_key`);
	return parsed.data.service_role_key;
}
