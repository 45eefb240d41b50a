// One correction or appeal form's submission: busy while it runs, the
// refusal in the user's language when the database says no, and the day
// reloaded after (also after a refusal: someone may have changed it meanwhile).
import { invalidate } from '$app/navigation';
import { fixErrorText } from './fix-words';

/** The dependency the day pages load under (`depends`). */
export const DAY_DEPENDENCY = 'app:attendance-day';

export class FixAction {
	busy = $state(false);
	problem = $state<string | null>(null);

	/** Runs `work`; true when it succeeded. */
	async run(work: () => Promise<void>): Promise<boolean> {
		this.busy = true;
		this.problem = null;
		let ok = false;
		try {
			await work();
			ok = true;
		} catch (err) {
			this.problem = fixErrorText(err);
		} finally {
			this.busy = false;
		}
		await invalidate(DAY_DEPENDENCY);
		return ok;
	}
}
