// The CSAT import's steps: a file read in the browser, checked by the
// database without storing (dry run), then imported the way the person
// chose; every step's answer names lines by the number the file shows.
import { importCsat, type CsatLine } from '$lib/data/qa';
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { CSAT_MAX_ROWS, type CsatRow } from '$lib/qa/csat-file';
import type { AppSupabaseClient } from '$lib/supabase';

export type CsatStep = 'upload' | 'preview' | 'done';

export class CsatFlow {
	step = $state<CsatStep>('upload');
	fileName = $state('');
	rows = $state.raw<CsatRow[]>([]);
	/** The dry run's answer (preview) or the import's (done). */
	lines = $state.raw<CsatLine[]>([]);
	allOrNothing = $state(false);
	busy = $state(false);
	problem = $state('');
	#client: AppSupabaseClient;
	#siteId: string;

	constructor(client: AppSupabaseClient, siteId: string) {
		this.#client = client;
		this.#siteId = siteId;
	}

	readonly refused = $derived(this.lines.filter((l) => l.status === 'refused'));
	readonly imported = $derived(this.lines.filter((l) => l.status === 'imported').length);

	/** A file was read: check it right away. */
	async loaded(fileName: string, rows: CsatRow[]): Promise<void> {
		this.fileName = fileName;
		this.problem = '';
		if (rows.length === 0) {
			this.problem = m.qa_csat_empty();
			return;
		}
		if (rows.length > CSAT_MAX_ROWS) {
			this.problem = m.qa_csat_too_many({ count: rows.length, max: CSAT_MAX_ROWS });
			return;
		}
		this.rows = rows;
		if (await this.#send(true)) this.step = 'preview';
	}

	async store(): Promise<void> {
		if (await this.#send(false)) this.step = 'done';
	}

	restart(): void {
		this.step = 'upload';
		this.rows = [];
		this.lines = [];
		this.problem = '';
	}

	async #send(dryRun: boolean): Promise<boolean> {
		this.busy = true;
		this.problem = '';
		try {
			this.lines = await importCsat(this.#client, this.#siteId, this.rows, {
				allOrNothing: this.allOrNothing,
				dryRun
			});
			return true;
		} catch (err) {
			this.problem = `${m.qa_csat_failed()}: ${errorDetail(err)}`;
			return false;
		} finally {
			this.busy = false;
		}
	}
}
