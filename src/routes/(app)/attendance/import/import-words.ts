// The import's words: each bad line's reason and the database's refusals
// (CB080–CB082 from 20261207150000) in the reader's language.
import { errorDetail } from '$lib/errors';
import { m } from '$lib/paraglide/messages';

const REASONS: Record<string, () => string> = {
	missing_employee_no: m.att_import_reason_missing_employee_no,
	bad_employee_no: m.att_import_reason_bad_employee_no,
	missing_time: m.att_import_reason_missing_time,
	bad_time: m.att_import_reason_bad_time,
	bad_date: m.att_import_reason_bad_date,
	unknown_state: m.att_import_reason_unknown_state,
	unknown_employee: m.att_import_reason_unknown_employee,
	future_time: m.att_import_reason_future_time,
	month_locked: m.att_import_reason_month_locked
};

/** Why a line was not imported; an unknown reason code is shown as it is. */
export function reasonText(reason: string): string {
	return REASONS[reason]?.() ?? reason;
}

/** A failed check or import, readable: the import's own codes, else the app's general wording. */
export function importErrorText(err: unknown): string {
	const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
	if (code === 'CB080') return m.att_import_err_args();
	if (code === 'CB081') return m.att_import_err_chunk();
	if (code === 'CB082') return m.att_import_err_batch();
	return errorDetail(err);
}
