// Every queue_log verb the feeder knows and what becomes of it: the one place
// where verbs map to event kinds. A verb missing here is counted as unknown.
import type { IngestEventKind } from '../ingest-client/events.ts';

export type VerbRole =
	/** ENTERQUEUE: a call offered to a queue. */
	| 'enter'
	/** The call left the queue unanswered; its kind is in QUEUE_EXIT_KINDS. */
	| 'exit'
	/** CONNECT: an agent answered. */
	| 'connect'
	/** The call ended after talk; TRANSFER_VERBS are transferred as well. */
	| 'complete'
	| 'pause'
	| 'unpause'
	/** Queue membership (key = queue name) or an agent login (all queues). */
	| 'join'
	| 'leave'
	/** The queue engine about itself. */
	| 'housekeeping'
	/** Known, with nothing to ingest (RINGNOANSWER is counted in the summary). */
	| 'no_event';

// How a call leaves a queue without an agent: the caller's choice is an
// abandon (ABANDON: hung up; EXITWITHKEY: pressed a key, e.g. for voicemail),
// the queue's is a timeout (EXITWITHTIMEOUT: the queue's maximum wait passed;
// EXITEMPTY: no reachable member was left to take the call). Wallboards keep
// the two apart, since only the first says anything about callers' patience.
export type QueueExitKind = Extract<IngestEventKind, 'call_abandoned' | 'call_timed_out'>;

export const QUEUE_EXIT_KINDS: Record<string, QueueExitKind> = {
	ABANDON: 'call_abandoned',
	EXITWITHKEY: 'call_abandoned',
	EXITWITHTIMEOUT: 'call_timed_out',
	EXITEMPTY: 'call_timed_out'
};

// TRANSFER(extension|context|holdtime|calltime|origposition),
// BLINDTRANSFER(extension|context|holdtime|calltime|origposition),
// ATTENDEDTRANSFER(method|method-data|holdtime|calltime|origposition): calltime is the 4th.
// COMPLETEAGENT / COMPLETECALLER(holdtime|calltime|origposition): calltime is the 2nd.
export const TRANSFER_VERBS = new Set(['TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);

const ROLES: Record<string, VerbRole> = {
	ENTERQUEUE: 'enter',
	...Object.fromEntries(Object.keys(QUEUE_EXIT_KINDS).map((verb) => [verb, 'exit' as const])),
	CONNECT: 'connect',
	COMPLETEAGENT: 'complete',
	COMPLETECALLER: 'complete',
	...Object.fromEntries([...TRANSFER_VERBS].map((verb) => [verb, 'complete' as const])),
	PAUSE: 'pause',
	PAUSEALL: 'pause',
	UNPAUSE: 'unpause',
	UNPAUSEALL: 'unpause',
	ADDMEMBER: 'join',
	AGENTLOGIN: 'join',
	AGENTCALLBACKLOGIN: 'join',
	REMOVEMEMBER: 'leave',
	AGENTLOGOFF: 'leave',
	AGENTCALLBACKLOGOFF: 'leave',
	QUEUESTART: 'housekeeping',
	CONFIGRELOAD: 'housekeeping',
	// RINGNOANSWER changes no agent state by itself: if the queue auto-pauses
	// the member, Asterisk logs a PAUSE line. RINGCANCELED is followed by the
	// caller's ABANDON; DID and INFO are FreePBX annotations; AGENTDUMP and
	// SYSCOMPAT are rare ends the call lines already cover.
	RINGNOANSWER: 'no_event',
	RINGCANCELED: 'no_event',
	DID: 'no_event',
	INFO: 'no_event',
	AGENTDUMP: 'no_event',
	SYSCOMPAT: 'no_event'
};

export function verbRole(verb: string): VerbRole | undefined {
	return Object.hasOwn(ROLES, verb) ? ROLES[verb] : undefined;
}

/** The kind for a verb whose role is 'exit'. */
export function queueExitKind(verb: string): QueueExitKind {
	return QUEUE_EXIT_KINDS[verb] ?? 'call_abandoned';
}
