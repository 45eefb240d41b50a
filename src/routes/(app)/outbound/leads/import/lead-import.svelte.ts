// One call-list import: the file read in the browser, its lines checked
// against the file (lib/outbound/lead-file) and against the site's phone
// numbers (lead_phone_owners), then handed to import_leads; the answer
// mapped back to the file's line numbers.
import { fetchPhoneOwners, importLeads, type ImportedLine } from '$lib/data/leads';
import { errorDetail } from '$lib/errors';
import {
	leadRow,
	phoneKey,
	readLeadRows,
	readTable,
	type FileLine,
	type LeadRow,
	type LeadSource,
	type RawTable
} from '$lib/outbound/lead-file';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';

export type LineCheck =
	| { kind: 'problem'; line: FileLine }
	| { kind: 'duplicate_in_file'; line: FileLine; ofLine: number }
	| { kind: 'duplicate_at_site'; line: FileLine; owner: string }
	| { kind: 'ok'; line: FileLine };

export interface ImportOutcome {
	/** File line → what import_leads did with it. */
	byLine: Record<number, ImportedLine>;
	added: number;
	flagged: number;
	skipped: number;
}

export class LeadImport {
	readonly #client: AppSupabaseClient;
	readonly #siteId: string;

	ownerId = $state('');
	fileSource = $state<LeadSource | ''>('');
	listName = $state('');
	skipDuplicates = $state(true);
	raw = $state.raw<RawTable | null>(null);
	/** phone_key → the caller who already has it at the site. */
	owners = $state.raw<Record<string, string>>({});
	busy = $state(false);
	problem = $state<string | null>(null);
	outcome = $state.raw<ImportOutcome | null>(null);

	readonly file = $derived.by(() =>
		this.raw ? readLeadRows(this.raw.kind, this.raw.rows, this.fileSource === '' ? null : this.fileSource) : null
	);
	readonly checks = $derived.by((): LineCheck[] => {
		const file = this.file;
		if (file === null || typeof file === 'string') return [];
		return file.lines.map((line) => {
			if (line.problem !== null) return { kind: 'problem', line };
			if (line.duplicateOfLine !== null) return { kind: 'duplicate_in_file', line, ofLine: line.duplicateOfLine };
			const owner = this.owners[phoneKey(line.phone)];
			if (owner !== undefined) return { kind: 'duplicate_at_site', line, owner };
			return { kind: 'ok', line };
		});
	});
	readonly counts = $derived({
		total: this.checks.length,
		ok: this.checks.filter((c) => c.kind === 'ok').length,
		dups: this.checks.filter((c) => c.kind === 'duplicate_in_file' || c.kind === 'duplicate_at_site').length,
		bad: this.checks.filter((c) => c.kind === 'problem').length
	});
	/** The lines import_leads gets: every line without a problem (it skips or flags the duplicates itself). */
	readonly ready = $derived(
		this.checks.flatMap((c) => {
			const row = leadRow(c.line);
			return row ? [{ fileLine: c.line.line, row }] : [];
		})
	);

	constructor(client: AppSupabaseClient, siteId: string, firstOwner: string) {
		this.#client = client;
		this.#siteId = siteId;
		this.ownerId = firstOwner;
	}

	async read(bytes: ArrayBuffer): Promise<void> {
		this.busy = true;
		this.problem = null;
		this.outcome = null;
		this.owners = {};
		try {
			this.raw = await readTable(bytes);
			const file = this.file;
			if (file !== null && typeof file !== 'string') {
				// Each number once (an object's keys, not a Set: nothing reactive here).
				const phones = Object.keys(
					Object.fromEntries(file.lines.filter((l) => l.problem !== 'bad_phone').map((l) => [l.phone, true]))
				);
				const found = await fetchPhoneOwners(this.#client, this.#siteId, phones);
				this.owners = Object.fromEntries(found.map((f) => [phoneKey(f.phone), f.owner_name]));
			}
		} catch (err) {
			this.problem = `${m.outb_imp_read_failed()}: ${errorDetail(err)}`;
		} finally {
			this.busy = false;
		}
	}

	async send(): Promise<void> {
		const lines = this.ready;
		if (lines.length === 0 || this.ownerId === '') return;
		this.busy = true;
		this.problem = null;
		try {
			const rows: LeadRow[] = lines.map((l) => l.row);
			const answer = await importLeads(this.#client, this.ownerId, rows, {
				skipDuplicates: this.skipDuplicates,
				listName: this.listName
			});
			const byLine: Record<number, ImportedLine> = {};
			for (const a of answer) {
				const fileLine = lines[a.line - 1]?.fileLine;
				if (fileLine !== undefined) byLine[fileLine] = a;
			}
			this.outcome = {
				byLine,
				added: answer.filter((a) => a.status !== 'duplicate_skipped').length,
				flagged: answer.filter((a) => a.status === 'duplicate_added').length,
				skipped: answer.filter((a) => a.status === 'duplicate_skipped').length
			};
		} catch (err) {
			this.problem = errorDetail(err);
		} finally {
			this.busy = false;
		}
	}

	reset(): void {
		this.raw = null;
		this.owners = {};
		this.outcome = null;
		this.problem = null;
	}
}
