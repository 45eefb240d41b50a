// One correction or appeal form's submission: busy while it runs, the
// refusal in the user's language when the database says no, and the page
// reloaded after (also after a refusal: someone may have changed it meanwhile).
import { invalidate } from '$app/navigation';
import { fixErrorText } from './fix-words';

/** The dependency the day pages load under (`depends`). */
export const DAY_DEPENDENCY = 'app:attendance-day';

export class FixAction {
	busy = $state(false);
	problem = $state<string | null>(null);
	readonly #dependency: string;
	readonly #problemText: (err: unknown) => string;

	/** Reloads the day pages by default; a statement dispute reloads its own page and words its own refusals. */
	constructor(options: { dependency?: string; problemText?: (err: unknown) => string } = {}) {
		this.#dependency = options.dependency ?? DAY_DEPENDENCY;
		this.#problemText = options.problemText ?? fixErrorText;
	}

	/** Runs `work`; true when it succeeded. */
	async run(work: () => Promise<void>): Promise<boolean> {
		this.busy = true;
		this.problem = null;
		let ok = false;
		try {
			await work();
			ok = true;
		} catch (err) {
			this.problem = this.#problemText(err);
		} finally {
			this.busy = false;
		}
		await invalidate(this.#dependency);
		return ok;
	}
}
