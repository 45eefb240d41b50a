import { describe, expect, it } from 'vitest';
import type { KioskPunchInput } from '$lib/data/punches';
import { enqueue, loadQueue, QUEUE_CAP, saveQueue, type QueueStorage } from './offline-queue';

function memoryStorage(initial: Record<string, string> = {}): QueueStorage & { items: Map<string, string> } {
	const items = new Map(Object.entries(initial));
	return {
		items,
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, v) => void items.set(k, v),
		removeItem: (k) => void items.delete(k)
	};
}

const punch = (n: number): KioskPunchInput => ({
	employeeNo: 'E001',
	pin: '2580',
	direction: 'in',
	clientId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	deviceTime: '2026-12-07T01:02:03.000Z',
	device: 'entrance'
});

describe('the offline queue', () => {
	it('keeps punches across a reload, in order', () => {
		const storage = memoryStorage();
		saveQueue(storage, [punch(1), punch(2)]);
		expect(loadQueue(storage)).toEqual([punch(1), punch(2)]);
	});
	it('leaves nothing behind when empty', () => {
		const storage = memoryStorage();
		saveQueue(storage, [punch(1)]);
		saveQueue(storage, []);
		expect(storage.items.size).toBe(0);
	});
	it('drops junk instead of sending it', () => {
		expect(loadQueue(memoryStorage({ 'callboard.kiosk.queue': '{not json' }))).toEqual([]);
		expect(loadQueue(memoryStorage({ 'callboard.kiosk.queue': '[{"employeeNo": 1}]' }))).toEqual([]);
	});
	it('survives storage that throws', () => {
		const broken: QueueStorage = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('denied');
			},
			removeItem: () => {}
		};
		expect(loadQueue(broken)).toEqual([]);
		expect(() => saveQueue(broken, [punch(1)])).not.toThrow();
	});
	it('queues a punch once per client id and refuses beyond the cap', () => {
		const once = enqueue([punch(1)], punch(1));
		expect(once).toEqual([punch(1)]);
		const full = Array.from({ length: QUEUE_CAP }, (_, i) => punch(i));
		expect(enqueue(full, punch(QUEUE_CAP))).toBe(false);
	});
});
