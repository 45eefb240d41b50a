// The toasts the app shows: short notices of something that went wrong (or
// right) without a page of its own. One shared instance; the regions that
// draw it only read. A notice that repeats (a snapshot that keeps failing on
// a TV) stays one toast whose timer restarts, so a screen never fills up.
import { untrack } from 'svelte';

export interface Toast {
	id: number;
	/** What failed, in the user's language. */
	title: string;
	/** The reason, as the server or the browser gave it. */
	detail: string;
	/** How many times the same notice came in while it was shown. */
	count: number;
	/** A failure (the default) or a confirmation that something was done, drawn apart so "filed" never looks like an error. */
	kind: ToastKind;
}

export type ToastKind = 'error' | 'done';

/** How long a toast stays without a repeat. */
export const TOAST_MS = 8_000;
/** A confirmation needs less reading than a failure and should not cover the page long. */
export const DONE_TOAST_MS = 4_000;
/** At most this many at once; the oldest goes first. */
export const MAX_TOASTS = 3;

export class Toasts {
	#items = $state.raw<readonly Toast[]>([]);
	#inlineHosts = $state(0);
	// Bookkeeping, not state: nothing renders the timers.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#timers = new Map<number, ReturnType<typeof setTimeout>>();
	#nextId = 1;

	/** The toasts on screen, oldest first. */
	get items(): readonly Toast[] {
		return this.#items;
	}

	/** true while a board shows the toasts in its own header, so the floating region stays empty. */
	get hostedInline(): boolean {
		return this.#inlineHosts > 0;
	}

	show(title: string, detail = '', kind: ToastKind = 'error'): number {
		const same = this.#items.find((t) => t.title === title && t.detail === detail && t.kind === kind);
		if (same) {
			this.#items = this.#items.map((t) => (t === same ? { ...t, count: t.count + 1 } : t));
			this.#arm(same.id);
			return same.id;
		}
		const toast: Toast = { id: this.#nextId++, title, detail, count: 1, kind };
		const kept = this.#items.slice(-(MAX_TOASTS - 1));
		for (const gone of this.#items.slice(0, this.#items.length - kept.length)) this.#disarm(gone.id);
		this.#items = [...kept, toast];
		this.#arm(toast.id);
		return toast.id;
	}

	/** Confirms that something the user asked for was done (filed, decided, cancelled). */
	done(title: string): number {
		return this.show(title, '', 'done');
	}

	dismiss(id: number): void {
		this.#disarm(id);
		this.#items = this.#items.filter((t) => t.id !== id);
	}

	clear(): void {
		for (const id of this.#timers.keys()) this.#disarm(id);
		this.#items = [];
	}

	/** A region inside a board's header announces itself; the returned teardown withdraws it. */
	hostInline(): () => void {
		// Called from an effect: reading the count to change it must not make that
		// effect depend on it, or it would run again at once, without end.
		untrack(() => this.#inlineHosts++);
		return () => {
			untrack(() => this.#inlineHosts--);
		};
	}

	#arm(id: number): void {
		this.#disarm(id);
		this.#timers.set(
			id,
			setTimeout(
				() => this.dismiss(id),
				this.#items.find((t) => t.id === id)?.kind === 'done' ? DONE_TOAST_MS : TOAST_MS
			)
		);
	}

	#disarm(id: number): void {
		clearTimeout(this.#timers.get(id));
		this.#timers.delete(id);
	}
}

export const toasts = new Toasts();
