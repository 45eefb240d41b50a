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
import type { AgentStateName, IngestEvent } from '../ingest-client/events.ts';
import { AgentTracker, isoAt } from './agent-tracker.ts';
import { resolverFor, type FeederMapping, type IdResolver } from './mapping.ts';
import { parseQueueLogLine, wholeNumber, type QueueLogLine } from './parse-line.ts';
import { bump, bumpUnmapped, emptySummary, unmappedCount, type FeederSummary, type SkipReason } from './summary.ts';
import { queueExitKind, TRANSFER_VERBS, verbRole } from './verbs.ts';

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
	/** Lines fed so far, blank ones too: the number of the line being read. */
	#lineNo = 0;

	constructor(mapping: FeederMapping) {
		this.#siteId = mapping.site_id;
		this.#ids = resolverFor(mapping);
		this.#tracker = new AgentTracker(mapping.site_id);
	}

	/** One line without its newline; returns the events it (and any wrap it made due) gives. */
	feed(raw: string): IngestEvent[] {
		this.#lineNo += 1;
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

	/**
	 * Wraps due by the wall clock while the file is quiet (follow mode), among
	 * those planned to end after `notBefore` (see AgentTracker.due).
	 */
	flushDue(epoch: number, notBefore?: number): IngestEvent[] {
		return this.#count(this.#tracker.due(epoch, notBefore));
	}

	/** Distinct queue and member names seen so far that the mapping lacks. */
	get unmappedNames(): number {
		return unmappedCount(this.#summary);
	}

	summary(): FeederSummary {
		return { ...structuredClone(this.#summary), open_wraps: this.#tracker.openWraps() };
	}

	#count(events: IngestEvent[]): IngestEvent[] {
		this.#summary.events += events.length;
		for (const e of events) bump(this.#summary.events_by_kind, e.kind);
		return events;
	}

	#skipMalformed(reason: string): [] {
		const s = this.#summary;
		s.skipped.malformed += 1;
		if (s.malformed_lines.length < MALFORMED_KEPT) s.malformed_lines.push({ line: this.#lineNo, reason });
		return [];
	}

	/** The queue's id, or null (counted by name and line) when the mapping lacks it. */
	#queue(line: QueueLogLine): string | null {
		const id = this.#ids.queue(line.queue);
		if (id) return id;
		bumpUnmapped(this.#summary.unmapped_queues, line.queue, this.#lineNo);
		return null;
	}

	/** The member's agent id, or null (counted by name and line) when unmapped. */
	#agent(line: QueueLogLine): string | null | Malformed {
		if (line.agent === 'NONE') return { malformed: `${line.verb} without a queue member` };
		const id = this.#ids.agent(line.agent);
		if (id) return id;
		bumpUnmapped(this.#summary.unmapped_agents, line.agent, this.#lineNo);
		return null;
	}

	/**
	 * Queue and agent of a line about a member; queue NONE (all queues) is
	 * undefined when `anyQueue`. Both names are looked up before giving up, so
	 * that a run lists every name the mapping lacks.
	 */
	#queueAndAgent(
		line: QueueLogLine,
		anyQueue: boolean
	): { queueId?: string; agentId: string } | SkipReason | Malformed {
		const agentId = this.#agent(line);
		if (agentId !== null && typeof agentId === 'object') return agentId;
		const queueId = anyQueue && line.queue === 'NONE' ? undefined : this.#queue(line);
		if (queueId === null) return 'unmapped_queue';
		if (agentId === null) return 'unmapped_agent';
		return { queueId, agentId };
	}

	#handle(line: QueueLogLine, idBase: string): Outcome {
		const role = verbRole(line.verb);
		switch (role) {
			case undefined:
				bump(this.#summary.unknown_verbs, line.verb);
				return 'unknown_verb';
			case 'housekeeping':
				return 'housekeeping';
			case 'no_event':
				return line.verb === 'RINGNOANSWER' ? this.#ringNoAnswer(line) : [];
			case 'enter':
			case 'exit':
				return this.#queueCall(line, idBase);
			case 'connect':
			case 'complete':
				return this.#agentCall(line, idBase);
			default:
				return this.#member(line, idBase);
		}
	}

	/** RINGNOANSWER(ringtime in ms): counted, nothing sent. */
	#ringNoAnswer(line: QueueLogLine): Outcome {
		const ms = wholeNumber(line.data[0]);
		if (ms === undefined) return { malformed: 'RINGNOANSWER without a ring time' };
		this.#summary.ring_no_answer.count += 1;
		this.#summary.ring_no_answer.ring_s += ms / 1000;
		return [];
	}

	#callId(line: QueueLogLine): string | Malformed {
		if (line.uniqueid === 'NONE' || line.uniqueid.length > MAX_CALL_ID) {
			return { malformed: `${line.verb} without a usable call uniqueid` };
		}
		return line.uniqueid;
	}

	/** ENTERQUEUE(url|callerid|…) and the exits without an agent. The caller id is never read. */
	#queueCall(line: QueueLogLine, idBase: string): Outcome {
		const callId = this.#callId(line);
		if (typeof callId !== 'string') return callId;
		const queueId = this.#queue(line);
		if (queueId === null) return 'unmapped_queue';
		const base = { site_id: this.#siteId, call_id: callId, queue_id: queueId, at: isoAt(line.epoch) };
		if (line.verb === 'ENTERQUEUE') return [{ event_id: `${idBase}:offered`, kind: 'call_offered', ...base }];
		const kind = queueExitKind(line.verb);
		// The role in the id follows the kind, so one id never names two different facts.
		const role = kind === 'call_timed_out' ? 'timed_out' : 'abandoned';
		return [{ event_id: `${idBase}:${role}`, kind, ...base }];
	}

	#agentCall(line: QueueLogLine, idBase: string): Outcome {
		const callId = this.#callId(line);
		if (typeof callId !== 'string') return callId;
		const ids = this.#queueAndAgent(line, false);
		if (typeof ids === 'string' || 'malformed' in ids) return ids;
		const { queueId, agentId } = ids;
		// Never undefined without anyQueue; the check is for the type.
		if (queueId === undefined) return 'unmapped_queue';
		const base = { site_id: this.#siteId, call_id: callId, queue_id: queueId, agent_id: agentId };
		const at = isoAt(line.epoch);
		if (line.verb === 'CONNECT') {
			return [
				{ event_id: `${idBase}:answered`, kind: 'call_answered', ...base, at },
				...this.#tracker.callStarted(agentId, queueId, line.epoch, idBase)
			];
		}
		const transfer = TRANSFER_VERBS.has(line.verb);
		const talk = wholeNumber(line.data[transfer ? 3 : 1]);
		if (talk === undefined) return { malformed: `${line.verb} without a call time` };
		const events: IngestEvent[] = [];
		if (transfer) {
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
		const ids = this.#queueAndAgent(line, true);
		if (typeof ids === 'string' || 'malformed' in ids) return ids;
		const { queueId, agentId } = ids;
		// ADDMEMBER/REMOVEMEMBER name the queue joined or left; the AGENT* logins and logoffs stand for all queues.
		const membership = line.verb.startsWith('AGENT') ? undefined : line.queue;
		const t = this.#tracker;
		switch (verbRole(line.verb)) {
			case 'pause': {
				const reason = line.data[0]?.trim().slice(0, MAX_REASON) || undefined;
				const state = (reason && PAUSE_STATES[reason.toLowerCase()]) || 'break';
				return t.pause(agentId, state, reason, queueId, line.epoch, idBase);
			}
			case 'unpause':
				return t.unpause(agentId, queueId, line.epoch, idBase);
			case 'join':
				return t.joined(agentId, membership, queueId, line.epoch, idBase);
			default:
				return t.left(agentId, membership, queueId, line.epoch, idBase);
		}
	}
}
