// What a TV browser needs that a desk browser does not, each a resource that
// returns its teardown: hide the cursor when the mouse rests, keep the screen
// awake, reload once a day at a quiet hour to shed memory, and a stable id
// per screen for presence.
import { msUntilSiteHour } from '$lib/live/site-time';

/** Attachment: adds `idle` to the element after `ms` without pointer movement. */
export function idleClass(ms = 3_000) {
	return (element: HTMLElement) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const wake = () => {
			element.classList.remove('idle');
			clearTimeout(timer);
			timer = setTimeout(() => element.classList.add('idle'), ms);
		};
		wake();
		element.addEventListener('pointermove', wake);
		element.addEventListener('pointerdown', wake);
		return () => {
			clearTimeout(timer);
			element.removeEventListener('pointermove', wake);
			element.removeEventListener('pointerdown', wake);
		};
	};
}

/** Holds a Screen Wake Lock where the browser has one; the lock is lost when hidden, so it is taken again. */
export function keepScreenAwake(): () => void {
	if (!('wakeLock' in navigator)) return () => {};
	let sentinel: WakeLockSentinel | null = null;
	let stopped = false;
	const acquire = () => {
		if (stopped || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
		navigator.wakeLock.request('screen').then(
			(lock) => {
				if (stopped) void lock.release();
				else sentinel = lock;
			},
			() => {
				// Refused (no user gesture yet, battery saver): the TV's own settings must do.
			}
		);
	};
	acquire();
	document.addEventListener('visibilitychange', acquire);
	return () => {
		stopped = true;
		document.removeEventListener('visibilitychange', acquire);
		if (sentinel && !sentinel.released) void sentinel.release();
	};
}

/** Reloads the page at the next site-local `hour`:00. */
export function reloadAtQuietHour(hour: number, timeZone: string, reload = () => location.reload()): () => void {
	const timer = setTimeout(reload, msUntilSiteHour(Date.now(), hour, timeZone));
	return () => clearTimeout(timer);
}

const SCREEN_ID_KEY = 'callboard.screen-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A random id kept in this browser, so a TV is one presence entry across reloads. */
export function screenId(): string {
	try {
		const stored = localStorage.getItem(SCREEN_ID_KEY);
		if (stored && UUID.test(stored)) return stored;
		const id = crypto.randomUUID();
		localStorage.setItem(SCREEN_ID_KEY, id);
		return id;
	} catch {
		return crypto.randomUUID();
	}
}

export function toggleFullscreen(): void {
	if (document.fullscreenElement) void document.exitFullscreen();
	else void document.documentElement.requestFullscreen().catch(() => {});
}
