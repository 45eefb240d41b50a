// The import's steps — upload, column mapping, preview, result — as one
// state object the page's components share. Nothing is stored before
// confirm(): the preview is the database's dry run.
import { layoutOf, mappingProblem, type ColumnMapping } from '$lib/attendance/import/columns';
import { readPunches, type ImportProblem, type ReadPunches } from '$lib/attendance/import/punches';
import type { ImportTable } from '$lib/attendance/import/read-file';
import { checkPunchImport, storePunchImport, type ImportMode, type ServerReport } from '$lib/data/punch-import';
import type { AppSupabaseClient } from '$lib/supabase';

export type ImportStep = 'upload' | 'mapping' | 'preview' | 'done';

/** A bad line from the file or from the database, for one list sorted by line. */
export type BadLine = ImportProblem<string>;

export class ImportFlow {
	step = $state<ImportStep>('upload');
	fileName = $state('');
	table = $state.raw<ImportTable | null>(null);
	mapping = $state<ColumnMapping>({
		employeeNo: null,
		name: null,
		dateTime: null,
		date: null,
		time: null,
		state: null
	});
	mode = $state<ImportMode>('valid_only');
	busy = $state(false);
	/** Rows sent so far while checking or storing a large file. */
	progress = $state(0);
	read = $state.raw<ReadPunches | null>(null);
	check = $state.raw<ServerReport | null>(null);
	result = $state.raw<ServerReport | null>(null);

	readonly #client: AppSupabaseClient;
	readonly #siteId: string;

	constructor(client: AppSupabaseClient, siteId: string) {
		this.#client = client;
		this.#siteId = siteId;
	}

	readonly mappingProblem = $derived(mappingProblem(this.mapping));

	/** Every bad line, the file's and the database's, in line order. */
	readonly badLines: BadLine[] = $derived(
		[...(this.read?.problems ?? []), ...(this.check?.problems ?? [])].sort((a, b) => a.line - b.line)
	);

	/** All-or-nothing stores nothing while any line is bad; an empty file stores nothing either way. */
	readonly canStore = $derived(
		this.check !== null && this.check.valid > 0 && (this.mode === 'valid_only' || this.badLines.length === 0)
	);

	loaded(fileName: string, table: ImportTable): void {
		this.fileName = fileName;
		this.table = table;
		this.mapping = { ...table.mapping };
		this.read = null;
		this.check = null;
		this.result = null;
		this.step = 'mapping';
	}

	#request() {
		return {
			siteId: this.#siteId,
			fileName: this.fileName,
			layout: layoutOf(this.mapping),
			mode: this.mode,
			punches: this.read?.punches ?? []
		};
	}

	/** Reads the rows through the mapping and asks the database what it would do with them. */
	async preview(): Promise<void> {
		if (!this.table || this.mappingProblem) return;
		this.busy = true;
		this.progress = 0;
		try {
			this.read = readPunches(this.table.rows, this.mapping);
			this.check = await checkPunchImport(this.#client, this.#request(), (n) => (this.progress = n));
			this.step = 'preview';
		} finally {
			this.busy = false;
		}
	}

	async confirm(): Promise<void> {
		if (!this.canStore) return;
		this.busy = true;
		this.progress = 0;
		try {
			this.result = await storePunchImport(this.#client, this.#request(), (n) => (this.progress = n));
			this.step = 'done';
		} finally {
			this.busy = false;
		}
	}

	back(): void {
		this.step = this.step === 'preview' ? 'mapping' : 'upload';
	}

	restart(): void {
		this.step = 'upload';
		this.table = null;
		this.read = null;
		this.check = null;
		this.result = null;
	}
}
