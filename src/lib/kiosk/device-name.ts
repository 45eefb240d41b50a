// A name for this tablet, made once and kept, so each punch says which
// kiosk took it (punches.device) and a supervisor can tell two entrances apart.
const KEY = 'callboard.kiosk.device';

export function kioskDeviceName(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
	try {
		const known = storage.getItem(KEY);
		if (known && /^kiosk-[0-9a-f]{8}$/.test(known)) return known;
		const made = `kiosk-${crypto.randomUUID().slice(0, 8)}`;
		storage.setItem(KEY, made);
		return made;
	} catch {
		return 'kiosk';
	}
}
