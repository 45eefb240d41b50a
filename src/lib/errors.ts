// The one error path of the browser app (STYLE.md item 10): an error nobody
// else shows is logged and told to the user in a toast; an abort (a request
// the app itself cancelled, a page left mid-load) is nobody's problem.
import { m } from '$lib/paraglide/messages';
import { toasts } from './toasts.svelte';

/** An error's own words: Error and PostgREST/GoTrue error objects by their message, anything else as text. */
export function errorText(err: unknown): string {
	if (err instanceof Error) return err.message || err.name;
	if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') {
		return err.message;
	}
	if (typeof err === 'string') return err;
	try {
		return JSON.stringify(err) ?? String(err);
	} catch {
		return String(err);
	}
}

/** A cancelled fetch or stream: DOMException, Error or a plain object named AbortError. */
export function isAbortError(err: unknown): boolean {
	return typeof err === 'object' && err !== null && 'name' in err && err.name === 'AbortError';
}

function field(err: unknown, name: 'code' | 'status' | 'name'): unknown {
	return typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
}

/** The outbound workflow's refusals by SQLSTATE (20261209100000_outbound_calls.sql, 20261209500000_lead_phone_owners.sql). */
const OUTBOUND_REASON: Readonly<Record<string, () => string>> = {
	CB100: m.outb_err_call,
	CB101: m.outb_err_import,
	CB102: m.outb_err_booking,
	CB103: m.outb_err_state,
	CB104: m.outb_err_rule,
	CB140: m.outb_err_check
};

/** QA scoring and the CSAT import's refusals by SQLSTATE (20261209200100_qa_scoring_and_csat_import.sql). */
const QA_REASON: Readonly<Record<string, () => string>> = {
	CB110: m.qa_err_no_call,
	CB111: m.qa_err_not_allowed,
	CB112: m.qa_err_no_agent,
	CB113: m.qa_err_own_call,
	CB114: m.qa_err_no_scorecard,
	CB115: m.qa_err_items,
	CB116: m.qa_err_rows
};

/**
 * What a failure means to the person at the screen, in their language, for
 * the failures the API gives by design (PostgREST/GoTrue codes and statuses,
 * a network that is down); undefined for anything else, whose own words are
 * then shown. A database's English message means nothing on a zh-CN floor.
 */
export function errorReason(err: unknown): string | undefined {
	const code = field(err, 'code');
	const status = field(err, 'status');
	if (typeof code === 'string' && Object.hasOwn(OUTBOUND_REASON, code)) return OUTBOUND_REASON[code]?.();
	if (typeof code === 'string' && Object.hasOwn(QA_REASON, code)) return QA_REASON[code]?.();
	// The outbound ledger's day or date range (20261209600000_outbound_ledger.sql).
	if (code === 'CB150') return m.ledg_err_range();
	// Statement rules' parameters (20261209300000_statement_rules.sql).
	if (code === 'CB120') return m.stmt_err_rule();
	if (code === '42501' || status === 403) return m.error_denied();
	if (code === 'PGRST301' || code === 'PGRST303' || code === 'session_not_found' || status === 401) {
		return m.error_session();
	}
	if (code === '57014') return m.error_timeout();
	if (code === 'PGRST001' || code === 'PGRST003' || code === 'request_timeout' || status === 503 || status === 504) {
		return m.error_busy();
	}
	// fetch() rejects with a TypeError when no answer came at all (Chromium:
	// "Failed to fetch", Node: "fetch failed", Firefox: "NetworkError …").
	if (err instanceof TypeError && /fetch|network/i.test(err.message)) return m.error_offline();
	return undefined;
}

/** The toast's detail: the readable reason with the API's code, else the error's own words. */
export function errorDetail(err: unknown): string {
	const reason = errorReason(err);
	if (reason === undefined) return errorText(err);
	const code = field(err, 'code');
	return typeof code === 'string' && code !== '' ? m.error_with_code({ reason, code }) : reason;
}

/**
 * Logs `err` under `message` and shows both in a toast, unless it is an
 * abort. `message` says what failed in the user's language; the detail says
 * why (errorDetail), and the console keeps the error itself.
 */
export function handleError(err: unknown, message: string): void {
	if (isAbortError(err)) return;
	console.error(`${message}:`, err);
	toasts.show(message, errorDetail(err));
}
