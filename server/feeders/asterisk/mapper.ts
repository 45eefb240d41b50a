// queue_log lines → ingest events. Stateful (see agent-tracker.ts) but
// deterministic: the same file read from its start gives the same events with
// the same ids, so a replay is recognised by the ingest as duplicates.
//
// event_id = `ast:<sha1(site_id, line)>:<role>`. The line carries its epoch,
// the call's uniqueid, queue, member and verb, so two distinct lines never share
// a hash; the site is hashed in because event ids are unique across all sites.
// The role tells apart the several events one line gives (CONNECT → answered
// and on_call). Identical lines are one fact logged twice and rightly share ids.
import { createHash } from 'node:crypto';
import { AgentTracker, isoAt } from './agent-tracker.ts';
import type { AgentStateName, IngestEvent } from '../../events/schema.ts';
import { resolverFor, type FeederMapping, type IdResolver } from './mapping.ts';
import { parseQueueLogLine, wholeNumber, type QueueLogLine } from './parse-line.ts';
import { bump, emptySummary, type FeederSummary, type SkipReason } from './summary.ts';

// The caller left the queue without an agent. EXITEMPTY (no reachable member
// left) and EXITWITHKEY (the caller pressed a key to leave, e.g. for voicemail)
// are counted as abandoned too: the call was offered and nobody answered it,
// which is what the abandon rate is about.
const ABANDON_VERBS = new Set(['ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY']);
const COMPLETE_VERBS = new Set(['COMPLETEAGENT', 'COMPLETECALLER']);
// TRANSFER(extension|context|holdtime|calltime|origposition),
// BLINDTRANSFER(extension|context|holdtime|calltime|origposition),
// ATTENDEDTRANSFER(method|method-data|holdtime|calltime|origposition): calltime is always the 4th.
const TRANSFER_VERBS = new Set(['TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);
const HOUSEKEEPING_VERBS = new Set(['QUEUESTART', 'CONFIGRELOAD']);
// Known verbs with nothing to ingest. RINGNOANSWER changes no agent state by
// itself: if the queue auto-pauses the member, Asterisk logs a PAUSE line.
// RINGCANCELED is followed by the caller's ABANDON; DID and INFO are FreePBX
// annotations; AGENTDUMP and SYSCOMPAT are rare ends the call lines already cover.
const NO_EVENT_VERBS = new Set(['RINGNOANSWER', 'RINGCANCELED', 'DID', 'INFO', 'AGENTDUMP', 'SYSCOMPAT']);

// Pause reasons that have their own agent state; any other reason is a `break` that keeps the reason.
const PAUSE_STATES: Record<string, AgentStateName> = {
	lunch: 'lunch',
	午餐: 'lunch',
	午饭: 'lunch',
	午休: 'lunch',
	training: 'training',
	培训: 'training',
	meeting: 'meeting',
	会议: 'meeting',
	开会: 'meeting'
};

const MAX_REASON = 200;
const MAX_CALL_ID = 200;
const MALFORMED_KEPT = 20;

interface Malformed {
	malformed: string;
}
type Outcome = IngestEvent[] | SkipReason | Malformed;

export class QueueLogMapper {
	readonly #siteId: string;
	readonly #ids: IdResolver;
	readonly #tracker: AgentTracker;
	readonly #summary = emptySummary();

	constructor(mapping: FeederMapping) {
		this.#siteId = mapping.site_id;
		this.#ids = resolverFor(mapping);
		this.#tracker = new AgentTracker(mapping.site_id);
	}

	/** One line without its newline; returns the events it (and any wrap it made due) gives. */
	feed(raw: string): IngestEvent[] {
		const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (text.trim() === '') return [];
		const s = this.#summary;
		s.lines += 1;
		const parsed = parseQueueLogLine(text);
		if (!parsed.ok) return this.#skipMalformed(parsed.reason);
		const line = parsed.line;
		const idBase = `ast:${createHash('sha1').update(`${this.#siteId}\n${text}`).digest('hex')}`;
		const events = this.#tracker.due(line.epoch);
		const outcome = this.#handle(line, idBase);
		if (Array.isArray(outcome)) {
			if (outcome.length > 0) s.lines_with_events += 1;
			else s.skipped.no_event += 1;
			events.push(...outcome);
		} else if (typeof outcome === 'string') {
			s.skipped[outcome] += 1;
		} else {
			this.#skipMalformed(outcome.malformed);
		}
		return this.#count(events);
	}

	/** Wraps due by the wall clock while the file is quiet (follow mode). */
	flushDue(epoch: number): IngestEvent[] {
		return this.#count(this.#tracker.due(epoch));
	}

	/** The input is over: every open wrap ends at its planned time. */
	finish(): IngestEvent[] {
		return this.#count(this.#tracker.finishAll());
	}

	summary(): FeederSummary {
		return structuredClone(this.#summary);
	}

	#count(events: IngestEvent[]): IngestEvent[] {
		this.#summary.events += events.length;
		for (const e of events) bump(this.#summary.events_by_kind, e.kind);
		return events;
	}

	#skipMalformed(reason: string): [] {
		const s = this.#summary;
		s.skipped.malformed += 1;
		if (s.malformed_lines.length < MALFORMED_KEPT) s.malformed_lines.push({ line: s.lines, reason });
		return [];
	}

	/** The queue's id, or null (counted by name) when the mapping lacks it. */
	#queue(line: QueueLogLine): string | null {
		const id = this.#ids.queue(line.queue);
		if (id) return id;
		bump(this.#summary.unmapped_queues, line.queue);
		return null;
	}

	/** The member's agent id, or null (counted by name) when unmapped. */
	#agent(line: QueueLogLine): string | null | Malformed {
		if (line.agent === 'NONE') return { malformed: `${line.verb} without a queue member` };
		const id = this.#ids.agent(line.agent);
		if (id) return id;
		bump(this.#summary.unmapped_agents, line.agent);
		return null;
	}

	#handle(line: QueueLogLine, idBase: string): Outcome {
		const { verb } = line;
		if (HOUSEKEEPING_VERBS.has(verb)) return 'housekeeping';
		if (verb === 'RINGNOANSWER') {
			const ms = wholeNumber(line.data[0]);
			if (ms === undefined) return { malformed: 'RINGNOANSWER without a ring time' };
			this.#summary.ring_no_answer.count += 1;
			this.#summary.ring_no_answer.ring_s += ms / 1000;
			return [];
		}
		if (NO_EVENT_VERBS.has(verb)) return [];
		if (verb === 'ENTERQUEUE' || ABANDON_VERBS.has(verb)) return this.#queueCall(line, idBase);
		if (verb === 'CONNECT' || COMPLETE_VERBS.has(verb) || TRANSFER_VERBS.has(verb)) {
			return this.#agentCall(line, idBase);
		}
		if (['PAUSE', 'UNPAUSE', 'PAUSEALL', 'UNPAUSEALL', 'ADDMEMBER', 'REMOVEMEMBER'].includes(verb)) {
			return this.#member(line, idBase);
		}
		if (['AGENTLOGIN', 'AGENTCALLBACKLOGIN', 'AGENTLOGOFF', 'AGENTCALLBACKLOGOFF'].includes(verb)) {
			return this.#member(line, idBase);
		}
		bump(this.#summary.unknown_verbs, verb);
		return 'unknown_verb';
	}

	#callId(line: QueueLogLine): string | Malformed {
		if (line.uniqueid === 'NONE' || line.uniqueid.length > MAX_CALL_ID) {
			return { malformed: `${line.verb} without a usable call uniqueid` };
		}
		return line.uniqueid;
	}

	/** ENTERQUEUE(url|callerid|…) and the abandons: no member. The caller id is never read. */
	#queueCall(line: QueueLogLine, idBase: string): Outcome {
		const callId = this.#callId(line);
		if (typeof callId !== 'string') return callId;
		const queueId = this.#queue(line);
		if (queueId === null) return 'unmapped_queue';
		const base = { site_id: this.#siteId, call_id: callId, queue_id: queueId, at: isoAt(line.epoch) };
		if (line.verb === 'ENTERQUEUE') return [{ event_id: `${idBase}:offered`, kind: 'call_offered', ...base }];
		return [{ event_id: `${idBase}:abandoned`, kind: 'call_abandoned', ...base }];
	}

	#agentCall(line: QueueLogLine, idBase: string): Outcome {
		const callId = this.#callId(line);
		if (typeof callId !== 'string') return callId;
		const queueId = this.#queue(line);
		if (queueId === null) return 'unmapped_queue';
		const agentId = this.#agent(line);
		if (agentId === null) return 'unmapped_agent';
		if (typeof agentId !== 'string') return agentId;
		const base = { site_id: this.#siteId, call_id: callId, queue_id: queueId, agent_id: agentId };
		const at = isoAt(line.epoch);
		if (line.verb === 'CONNECT') {
			return [
				{ event_id: `${idBase}:answered`, kind: 'call_answered', ...base, at },
				...this.#tracker.callStarted(agentId, queueId, line.epoch, idBase)
			];
		}
		// COMPLETE*(holdtime|calltime|origposition); the transfers have calltime 4th.
		const talk = wholeNumber(line.data[COMPLETE_VERBS.has(line.verb) ? 1 : 3]);
		if (talk === undefined) return { malformed: `${line.verb} without a call time` };
		const events: IngestEvent[] = [];
		if (TRANSFER_VERBS.has(line.verb)) {
			// The target is an extension or a bridge, not a queue we could name: no to_queue_id.
			events.push({ event_id: `${idBase}:transferred`, kind: 'call_transferred', ...base, at });
		}
		// queue_log's "holdtime" is the wait in the queue; time on hold during the talk is never logged.
		events.push({ event_id: `${idBase}:ended`, kind: 'call_ended', ...base, at, talk_s: talk, hold_s: 0 });
		const wrapup = this.#ids.wrapupSeconds(line.queue);
		events.push(...this.#tracker.callEnded(agentId, queueId, callId, line.epoch, wrapup, idBase));
		return events;
	}

	/** Member lines: pauses, queue membership and agent logins. Queue NONE means "all queues". */
	#member(line: QueueLogLine, idBase: string): Outcome {
		let queueId: string | undefined;
		if (line.queue !== 'NONE') {
			const id = this.#queue(line);
			if (id === null) return 'unmapped_queue';
			queueId = id;
		}
		const agentId = this.#agent(line);
		if (agentId === null) return 'unmapped_agent';
		if (typeof agentId !== 'string') return agentId;
		const queueName = line.queue === 'NONE' ? undefined : line.queue;
		const t = this.#tracker;
		switch (line.verb) {
			case 'PAUSE':
			case 'PAUSEALL': {
				const reason = line.data[0]?.trim().slice(0, MAX_REASON) || undefined;
				const state = (reason && PAUSE_STATES[reason.toLowerCase()]) || 'break';
				return t.pause(agentId, state, reason, queueId, line.epoch, idBase);
			}
			case 'UNPAUSE':
			case 'UNPAUSEALL':
				return t.unpause(agentId, queueId, line.epoch, idBase);
			case 'ADDMEMBER':
				return t.joined(agentId, queueName ?? line.queue, queueId, line.epoch, idBase);
			case 'REMOVEMEMBER':
				return t.left(agentId, queueName ?? line.queue, queueId, line.epoch, idBase);
			case 'AGENTLOGIN':
			case 'AGENTCALLBACKLOGIN':
				return t.joined(agentId, undefined, queueId, line.epoch, idBase);
			default:
				return t.left(agentId, undefined, queueId, line.epoch, idBase);
		}
	}
}
