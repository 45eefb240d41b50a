// The kiosk's punching, as a resource the kiosk page owns: send a punch
// now, or keep it when the network is down and send it with its original
// time when the network is back (the `online` event, and a retry every 15 s
// for networks that come back without one). Torn down with the page.
import {
	kioskPunch,
	NoAnswerError,
	type KioskAnswer,
	type KioskPunchInput,
	type PunchDirection
} from '$lib/data/punches';
import { toIso } from '$lib/live/site-time';
import type { AppSupabaseClient } from '$lib/supabase';
import { enqueue, loadQueue, saveQueue } from './offline-queue';

const RETRY_MS = 15_000;

export type StationOutcome =
	| { kind: 'answer'; answer: KioskAnswer }
	| { kind: 'queued'; punch: KioskPunchInput }
	| { kind: 'refused'; error: unknown };

/** An upload of a queued punch, for the list the kiosk shows after the network is back. */
export interface Uploaded {
	punch: KioskPunchInput;
	outcome: StationOutcome;
}

/** A fetch that got no answer at all: the punch waits. Anything the server answered is final. */
const isOffline = (err: unknown) => err instanceof NoAnswerError;

export class KioskStation {
	#client: AppSupabaseClient;
	#device: string;
	#storage: Storage;
	#timer: ReturnType<typeof setInterval> | undefined;
	#flushing = false;

	queue = $state.raw<KioskPunchInput[]>([]);
	online = $state(true);
	uploaded = $state.raw<Uploaded[]>([]);

	constructor(client: AppSupabaseClient, device: string, storage: Storage = localStorage) {
		this.#client = client;
		this.#device = device;
		this.#storage = storage;
		this.queue = loadQueue(storage);
		this.online = navigator.onLine;
	}

	/** Starts listening for the network; returns the teardown. */
	start(): () => void {
		const up = () => {
			this.online = true;
			void this.flush();
		};
		const down = () => (this.online = false);
		addEventListener('online', up);
		addEventListener('offline', down);
		this.#timer = setInterval(() => void this.flush(), RETRY_MS);
		void this.flush();
		return () => {
			removeEventListener('online', up);
			removeEventListener('offline', down);
			clearInterval(this.#timer);
		};
	}

	#keep(queue: KioskPunchInput[]) {
		this.queue = queue;
		saveQueue(this.#storage, queue);
	}

	async #send(punch: KioskPunchInput): Promise<StationOutcome | 'offline'> {
		try {
			return { kind: 'answer', answer: await kioskPunch(this.#client, punch, toIso(Date.now())) };
		} catch (err) {
			if (isOffline(err)) return 'offline';
			return { kind: 'refused', error: err };
		}
	}

	/** A punch typed now: sent at once, or kept when there is no network (also when others wait, to keep order). */
	async punch(employeeNo: string, pin: string, direction: PunchDirection): Promise<StationOutcome> {
		const punch: KioskPunchInput = {
			employeeNo,
			pin,
			direction,
			clientId: crypto.randomUUID(),
			deviceTime: toIso(Date.now()),
			device: this.#device
		};
		if (this.online && navigator.onLine && this.queue.length === 0) {
			const sent = await this.#send(punch);
			if (sent !== 'offline') return sent;
			this.online = false;
		}
		const queued = enqueue(this.queue, punch);
		if (!queued) return { kind: 'refused', error: new NoAnswerError('the offline queue is full') };
		this.#keep(queued);
		return { kind: 'queued', punch };
	}

	/** Sends what waits, oldest first, until the queue is empty or the network is gone again. */
	async flush(): Promise<void> {
		if (this.#flushing || this.queue.length === 0 || !navigator.onLine) return;
		this.#flushing = true;
		try {
			for (let first = this.queue[0]; first !== undefined; first = this.queue[0]) {
				const sent = first;
				const outcome = await this.#send(sent);
				if (outcome === 'offline') {
					this.online = false;
					return;
				}
				this.online = true;
				this.#keep(this.queue.filter((p) => p.clientId !== sent.clientId));
				// The PIN has done its work: what the kiosk keeps showing has none.
				this.uploaded = [{ punch: { ...sent, pin: '' }, outcome }, ...this.uploaded].slice(0, 10);
			}
		} finally {
			this.#flushing = false;
		}
	}
}
