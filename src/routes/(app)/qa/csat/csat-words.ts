// The CSAT import's refusal reasons (public.import_csat) in the user's language.
import { m } from '$lib/paraglide/messages';

const REASON: Readonly<Record<string, () => string>> = {
	missing_call_id: m.qa_csat_reason_missing_call_id,
	unknown_call: m.qa_csat_reason_unknown_call,
	no_agent: m.qa_csat_reason_no_agent,
	bad_score: m.qa_csat_reason_bad_score,
	bad_time: m.qa_csat_reason_bad_time,
	duplicate_in_file: m.qa_csat_reason_duplicate_in_file,
	already_rated: m.qa_csat_reason_already_rated,
	not_an_object: m.qa_csat_reason_not_an_object
};

export const reasonText = (reason: string | null): string =>
	reason === null ? '' : Object.hasOwn(REASON, reason) ? (REASON[reason]?.() ?? reason) : reason;
