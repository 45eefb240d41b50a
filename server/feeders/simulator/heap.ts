// The engine's agenda: a binary min-heap of future happenings ordered by time,
// then by insertion, so happenings at the same instant run in the order they
// were scheduled and a replay is exact.

interface Entry<T> {
	at: number;
	seq: number;
	item: T;
}

export class Agenda<T> {
	#entries: Entry<T>[] = [];
	#seq = 0;

	get size(): number {
		return this.#entries.length;
	}

	push(at: number, item: T): void {
		const entries = this.#entries;
		entries.push({ at, seq: this.#seq++, item });
		let i = entries.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.#before(i, parent)) break;
			this.#swap(i, parent);
			i = parent;
		}
	}

	peekTime(): number | undefined {
		return this.#entries[0]?.at;
	}

	pop(): { at: number; item: T } | undefined {
		const entries = this.#entries;
		const top = entries[0];
		if (!top) return undefined;
		const last = entries.pop();
		if (last && entries.length > 0) {
			entries[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let smallest = i;
				if (left < entries.length && this.#before(left, smallest)) smallest = left;
				if (right < entries.length && this.#before(right, smallest)) smallest = right;
				if (smallest === i) break;
				this.#swap(i, smallest);
				i = smallest;
			}
		}
		return { at: top.at, item: top.item };
	}

	#before(i: number, j: number): boolean {
		const a = this.#entries[i];
		const b = this.#entries[j];
		if (!a || !b) return false;
		return a.at < b.at || (a.at === b.at && a.seq < b.seq);
	}

	#swap(i: number, j: number): void {
		const entries = this.#entries;
		const a = entries[i];
		const b = entries[j];
		if (!a || !b) return;
		entries[i] = b;
		entries[j] = a;
	}
}
