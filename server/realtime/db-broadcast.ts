// Broadcast from Database: the shim's trigger NOTIFYs the id of every
// committed realtime.messages broadcast row; ids are gathered and fetched in
// batches (in arrival order) and each row goes to the channels joined to
// 'realtime:<topic>' with the same privacy, as a user broadcast carrying
// meta {id} like Realtime's replication handler sends. Old rows are pruned
// on a timer because the shim's table is not partitioned by day.
import type { ChannelRegistry } from './channels.ts';
import { topicKey } from './channels.ts';
import { errorText, type Hub } from './hub.ts';

const NOTIFY_CHANNEL = 'realtime_messages';
const BATCH_SIZE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MessageRow {
	id: string;
	topic: string;
	event: string | null;
	payload: string | null;
	private: boolean | null;
}

export interface DbBroadcast {
	/** Fetches and fans out everything notified so far (tests await it). */
	flush(): Promise<void>;
	/** Deletes rows older than the retention; returns how many. */
	prune(): Promise<number>;
	stop(): Promise<void>;
}

export async function startDbBroadcast(hub: Hub): Promise<DbBroadcast> {
	const { db, log } = hub.ctx;
	let pending: string[] = [];
	let running: Promise<void> | undefined;
	let stopped = false;

	const deliver = (registry: ChannelRegistry, rows: MessageRow[]) => {
		for (const row of rows) {
			if (row.payload === null) continue;
			registry.broadcast(topicKey(row.topic, row.private === true), {
				kind: 'user',
				broadcast: {
					event: row.event ?? '',
					encoding: 'json',
					body: Buffer.from(row.payload, 'utf8'),
					meta: { id: row.id }
				}
			});
		}
	};

	const drain = async () => {
		while (pending.length > 0 && !stopped) {
			const ids = pending.slice(0, BATCH_SIZE);
			pending = pending.slice(BATCH_SIZE);
			try {
				const { rows } = await db.query<MessageRow>(
					`select m.id::text as id, m.topic, m.event, m.payload::text as payload, m.private
					from unnest($1::uuid[]) with ordinality as wanted (id, n)
					join realtime.messages m on m.id = wanted.id
					order by wanted.n`,
					[ids]
				);
				if (!stopped) deliver(hub.registry, rows);
			} catch (err) {
				log(`realtime: could not fetch broadcast messages: ${errorText(err)}`);
			}
		}
	};

	const flush = (): Promise<void> => {
		running ??= drain().finally(() => {
			running = undefined;
		});
		return running;
	};

	const unlisten = await db.listen(NOTIFY_CHANNEL, (payload) => {
		// Nobody joined: nothing to fetch. Rows stay in the table for pruning.
		if (stopped || hub.registry.isEmpty || !UUID.test(payload)) return;
		pending.push(payload);
		// Let ids from the same commit gather before one fetch; a running drain picks them up.
		if (!running) setImmediate(() => void flush());
	});

	const prune = async (): Promise<number> => {
		const { rowCount } = await db.query(
			'delete from realtime.messages where inserted_at < now() - make_interval(secs => $1)',
			[hub.options.messageRetentionMs / 1000]
		);
		return rowCount;
	};
	const pruneTimer = setInterval(() => {
		prune().catch((err: unknown) => log(`realtime: pruning realtime.messages failed: ${errorText(err)}`));
	}, hub.options.pruneIntervalMs);
	pruneTimer.unref();

	return {
		flush,
		prune,
		async stop() {
			stopped = true;
			clearInterval(pruneTimer);
			pending = [];
			await unlisten();
			await running;
		}
	};
}
