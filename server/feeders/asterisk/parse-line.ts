// One line of Asterisk's queue_log: `epoch|uniqueid|queuename|agent|EVENT|data1|data2|…`
// (docs.asterisk.org, Operation › Logging › Queue Logs). The parser only checks
// the frame; what each verb's data means is the mapper's business.

export interface QueueLogLine {
	/** UNIX seconds. */
	epoch: number;
	/** The caller channel's unique id, or NONE / MANAGER / REALTIME on lines that are not about a call. */
	uniqueid: string;
	/** Queue name, NONE for lines about all queues (PAUSEALL, AGENTLOGIN, QUEUESTART). */
	queue: string;
	/** Queue member (SIP/8001, PJSIP/8001, Agent/1001, Local/8001@from-queue/n, a member name) or NONE. */
	agent: string;
	verb: string;
	data: string[];
}

export type ParseResult = { ok: true; line: QueueLogLine } | { ok: false; reason: string };

// Asterisk writes integer seconds; some log shippers add a fraction. Both are fine.
const EPOCH = /^\d{1,12}(\.\d+)?$/;
// Verbs are upper case by convention, but QueueLog() in a dialplan may write anything word-like.
const VERB = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function parseQueueLogLine(raw: string): ParseResult {
	const fields = raw.split('|');
	if (fields.length < 5) return { ok: false, reason: `expected at least 5 fields, got ${fields.length}` };
	const [epochText, uniqueid, queue, agent, verb] = fields as [string, string, string, string, string];
	if (!EPOCH.test(epochText)) return { ok: false, reason: 'timestamp is not UNIX seconds' };
	const epoch = Number(epochText);
	if (epoch <= 0) return { ok: false, reason: 'timestamp is zero' };
	if (!uniqueid || !queue || !agent) return { ok: false, reason: 'empty uniqueid, queue or agent field' };
	if (!VERB.test(verb)) return { ok: false, reason: 'event type is not a word' };
	return { ok: true, line: { epoch, uniqueid, queue, agent, verb, data: fields.slice(5) } };
}

/** A whole number of seconds (or milliseconds) from a data field; undefined when it is not one. */
export function wholeNumber(field: string | undefined): number | undefined {
	if (field === undefined || !/^\d{1,12}$/.test(field)) return undefined;
	return Number(field);
}
