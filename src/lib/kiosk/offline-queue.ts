// The kiosk's punches typed while the network was down, kept in the
// tablet's localStorage so a reload does not lose them, and sent with their
// original times when it is back. The PIN has to wait with the punch (the
// server checks it; the tablet never holds a hash): an entry lives only
// until its upload is answered, and the queue is capped.
import * as z from 'zod/mini';
import type { KioskPunchInput } from '$lib/data/punches';

const KEY = 'callboard.kiosk.queue';
/** More than any entrance sees in the few minutes the kiosk is meant to ride out. */
export const QUEUE_CAP = 200;

const entry = z.object({
	employeeNo: z.string(),
	pin: z.string(),
	direction: z.enum(['in', 'out']),
	clientId: z.string(),
	deviceTime: z.string(),
	device: z.string()
});
const stored = z.array(entry);

export type QueueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The queued punches, oldest first; junk in storage is dropped rather than trusted. */
export function loadQueue(storage: QueueStorage): KioskPunchInput[] {
	let raw: string | null;
	try {
		raw = storage.getItem(KEY);
	} catch {
		return [];
	}
	if (raw === null) return [];
	try {
		const parsed = stored.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : [];
	} catch {
		return [];
	}
}

export function saveQueue(storage: QueueStorage, queue: readonly KioskPunchInput[]): void {
	try {
		if (queue.length === 0) storage.removeItem(KEY);
		else storage.setItem(KEY, JSON.stringify(queue));
	} catch {
		// Storage refused: the queue lives in memory for this page only.
	}
}

/** The queue with `punch` added at the end; false when it is full. */
export function enqueue(queue: readonly KioskPunchInput[], punch: KioskPunchInput): KioskPunchInput[] | false {
	if (queue.length >= QUEUE_CAP) return false;
	return [...queue.filter((p) => p.clientId !== punch.clientId), punch];
}
