import { describe, expect, it } from 'vitest';
import { kioskDeviceName } from './device-name';

describe('kioskDeviceName', () => {
	it('makes a name once and keeps it', () => {
		const items = new Map<string, string>();
		const storage = {
			getItem: (k: string) => items.get(k) ?? null,
			setItem: (k: string, v: string) => void items.set(k, v)
		};
		const first = kioskDeviceName(storage);
		expect(first).toMatch(/^kiosk-[0-9a-f]{8}$/);
		expect(kioskDeviceName(storage)).toBe(first);
	});
	it('replaces junk and survives storage that throws', () => {
		const storage = { getItem: () => '<script>', setItem: () => undefined };
		expect(kioskDeviceName(storage)).toMatch(/^kiosk-[0-9a-f]{8}$/);
		const broken = {
			getItem: (): string | null => {
				throw new Error('denied');
			},
			setItem: () => undefined
		};
		expect(kioskDeviceName(broken)).toBe('kiosk');
	});
});
