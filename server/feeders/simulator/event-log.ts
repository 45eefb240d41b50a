// Stamps simulated happenings as ingest events with deterministic ids:
// `sim:<seed>:<run>:<n>`, where the run is the site day being simulated
// unless told otherwise. The same seed and day always give the same ids for
// the same events, so a restarted simulator re-sends what the ingest already
// has (ignored as replays) instead of inventing a second history of the day.
import type { EventFields, EventOf, IngestEvent, IngestEventKind } from './ingest-event.ts';

export class EventLog {
	readonly #prefix: string;
	readonly #siteId: string;
	#events = 0;
	#calls = 0;
	#pending: IngestEvent[] = [];

	constructor(prefix: string, siteId: string) {
		this.#prefix = prefix;
		this.#siteId = siteId;
	}

	newCallId(): string {
		this.#calls += 1;
		return `${this.#prefix}:call:${this.#calls}`;
	}

	add<K extends IngestEventKind>(kind: K, at: number, fields: EventFields<K>): EventOf<K> {
		this.#events += 1;
		const event = {
			event_id: `${this.#prefix}:${this.#events}`,
			site_id: this.#siteId,
			kind,
			at: new Date(at).toISOString(),
			...fields
		} as EventOf<K>;
		this.#pending.push(event);
		return event;
	}

	/** The events added since the last take, in the order they happened. */
	take(): IngestEvent[] {
		const out = this.#pending;
		this.#pending = [];
		return out;
	}
}
