// The discrete-event clock: happenings are callbacks due at a simulated
// instant (ms since the epoch); step() advances the clock to the next one.
import { Agenda } from './heap.ts';

export class Engine {
	readonly #agenda = new Agenda<() => void>();
	#now: number;

	constructor(start: number) {
		this.#now = start;
	}

	get now(): number {
		return this.#now;
	}

	/** Runs fn at the instant `at` (never in the past). */
	at(at: number, fn: () => void): void {
		this.#agenda.push(Math.max(Math.round(at), this.#now), fn);
	}

	after(ms: number, fn: () => void): void {
		this.at(this.#now + ms, fn);
	}

	peekTime(): number | undefined {
		return this.#agenda.peekTime();
	}

	/** Runs the next happening; false when nothing is left. */
	step(): boolean {
		const next = this.#agenda.pop();
		if (!next) return false;
		this.#now = next.at;
		next.item();
		return true;
	}
}
