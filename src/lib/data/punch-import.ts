// Terminal import (migration 20261207150000): the rows read from a file are
// sent to public.import_punches, which checks them again and stores them.
// A file may hold more rows than one request carries, so rows go in chunks
// (attendance/import/chunks.ts); the first stored chunk's batch id takes in
// the rest. Checking
// (dry_run) and storing are separate steps, so nothing is stored before the
// person confirms.
import { z } from 'zod';
import { importChunks } from '$lib/attendance/import/chunks';
import type { ImportLayout } from '$lib/attendance/import/columns';
import type { ImportPunch } from '$lib/attendance/import/punches';
import type { AppSupabaseClient } from '$lib/supabase';

export type ImportMode = 'valid_only' | 'all_or_nothing';

const SERVER_REASONS = [
	'unknown_employee',
	'missing_employee_no',
	'bad_time',
	'future_time',
	'unknown_state',
	'month_locked'
] as const;
export type ServerProblemReason = (typeof SERVER_REASONS)[number];

const reportSchema = z.object({
	batch_id: z.string().nullable(),
	refused: z.boolean(),
	rows: z.number(),
	valid: z.number(),
	stored: z.number(),
	duplicate_in_file: z.number(),
	already_stored: z.number(),
	problems: z.array(z.object({ line: z.number(), reason: z.enum(SERVER_REASONS), value: z.string().nullable() }))
});

/** What the database made of the rows sent (summed over the chunks). */
export interface ServerReport {
	batchId: string | null;
	refused: boolean;
	rows: number;
	/** Rows it would store (dry run) or could have stored. */
	valid: number;
	stored: number;
	duplicateInFile: number;
	alreadyStored: number;
	problems: { line: number; reason: ServerProblemReason; value: string }[];
}

interface ImportRequest {
	siteId: string;
	fileName: string;
	layout: ImportLayout;
	mode: ImportMode;
	punches: readonly ImportPunch[];
}

const emptyReport = (): ServerReport => ({
	batchId: null,
	refused: false,
	rows: 0,
	valid: 0,
	stored: 0,
	duplicateInFile: 0,
	alreadyStored: 0,
	problems: []
});

function add(total: ServerReport, answer: unknown): ServerReport {
	const r = reportSchema.parse(answer);
	return {
		batchId: total.batchId ?? r.batch_id,
		refused: total.refused || r.refused,
		rows: total.rows + r.rows,
		valid: total.valid + r.valid,
		stored: total.stored + r.stored,
		duplicateInFile: total.duplicateInFile + r.duplicate_in_file,
		alreadyStored: total.alreadyStored + r.already_stored,
		problems: [...total.problems, ...r.problems.map((p) => ({ ...p, value: p.value ?? '' }))]
	};
}

async function send(
	client: AppSupabaseClient,
	req: ImportRequest,
	dryRun: boolean,
	onProgress?: (done: number) => void
): Promise<ServerReport> {
	let total = emptyReport();
	let sent = 0;
	for (const rows of importChunks(req.punches)) {
		const { data, error } = await client.rpc('import_punches', {
			site_id: req.siteId,
			file_name: req.fileName,
			layout: req.layout,
			mode: req.mode,
			rows,
			dry_run: dryRun,
			...(total.batchId ? { batch_id: total.batchId } : {})
		});
		if (error) throw error;
		total = add(total, data);
		sent += rows.length;
		onProgress?.(sent);
		// All-or-nothing: a refused chunk stores nothing and ends the import.
		if (total.refused) break;
	}
	return total;
}

/** The database's verdict on every row, storing nothing. */
export function checkPunchImport(
	client: AppSupabaseClient,
	req: ImportRequest,
	onProgress?: (done: number) => void
): Promise<ServerReport> {
	return send(client, req, true, onProgress);
}

/** Stores the rows (after a check the person confirmed). */
export function storePunchImport(
	client: AppSupabaseClient,
	req: ImportRequest,
	onProgress?: (done: number) => void
): Promise<ServerReport> {
	return send(client, req, false, onProgress);
}
