// Checks a stream of simulated events for the rules a real phone system
// obeys; the simulator's specs assert the returned list of violations is empty.
import type { RosterAgent } from '../../server/feeders/simulator/demo-site.ts';
import type { IngestEvent } from '../../server/feeders/simulator/ingest-event.ts';

const ORDER: Record<string, number> = {
	call_offered: 0,
	call_dialed: 0,
	call_answered: 1,
	call_abandoned: 1,
	call_connected: 1,
	call_ended: 2,
	call_graded: 3,
	wrap_ended: 3
};

export interface CallSummary {
	kinds: string[];
	queueId: string;
	agentId?: string;
	times: number[];
}

export function callsOf(events: readonly IngestEvent[]): Map<string, CallSummary> {
	const calls = new Map<string, CallSummary>();
	for (const e of events) {
		if (e.kind === 'agent_state') continue;
		const call = calls.get(e.call_id) ?? { kinds: [], queueId: e.queue_id, times: [] };
		call.kinds.push(e.kind);
		call.times.push(Date.parse(e.at));
		if ('agent_id' in e) call.agentId ??= e.agent_id;
		calls.set(e.call_id, call);
	}
	return calls;
}

const count = (kinds: string[], kind: string) => kinds.filter((k) => k === kind).length;

/** Problems found; empty when the stream is consistent. At most `limit` are listed. */
export function findViolations(events: readonly IngestEvent[], roster: readonly RosterAgent[], limit = 20): string[] {
	const problems: string[] = [];
	const problem = (text: string) => {
		if (problems.length < limit) problems.push(text);
	};
	const skills = new Map(roster.map((a) => [a.id, a.skills]));

	const ids = new Set<string>();
	for (const e of events) {
		if (ids.has(e.event_id)) problem(`duplicate event id ${e.event_id}`);
		ids.add(e.event_id);
		if (Number.isNaN(Date.parse(e.at))) problem(`${e.event_id}: bad time ${e.at}`);
	}

	for (const [id, call] of callsOf(events)) {
		const { kinds, times } = call;
		for (let i = 1; i < kinds.length; i++) {
			const before = times[i - 1] ?? 0;
			const after = times[i] ?? 0;
			if (after < before || (ORDER[kinds[i] ?? ''] ?? 0) < (ORDER[kinds[i - 1] ?? ''] ?? 0)) {
				problem(`${id}: ${kinds.join(' → ')} is out of order`);
				break;
			}
		}
		if (kinds.includes('call_offered')) {
			const outcomes = count(kinds, 'call_answered') + count(kinds, 'call_abandoned');
			if (outcomes !== 1) problem(`${id}: offered with ${outcomes} outcomes (${kinds.join(', ')})`);
			if (kinds.includes('call_answered') && (count(kinds, 'call_ended') !== 1 || count(kinds, 'wrap_ended') !== 1)) {
				problem(`${id}: answered but not ended and wrapped once (${kinds.join(', ')})`);
			}
		} else if (kinds.includes('call_dialed')) {
			const connected = kinds.includes('call_connected');
			const tail = ['call_ended', 'call_graded', 'wrap_ended'].map((k) => count(kinds, k));
			if (connected && tail.some((n) => n !== 1)) problem(`${id}: connected but ${kinds.join(', ')}`);
			if (!connected && kinds.length !== 1) problem(`${id}: not connected but ${kinds.join(', ')}`);
		} else {
			problem(`${id}: starts with ${kinds[0]}`);
		}
		if (call.agentId && !skills.get(call.agentId)?.includes(call.queueId)) {
			problem(`${id}: agent ${call.agentId} is not skilled for queue ${call.queueId}`);
		}
	}

	// One call at a time: a call starts (answered / dialled) only with the agent available and holding none.
	const state = new Map<string, string>();
	const current = new Map<string, string>();
	for (const e of events) {
		if (e.kind === 'agent_state') {
			if (e.state !== 'on_call' && e.state !== 'wrap_up') current.delete(e.agent_id);
			if ((e.state === 'on_call' || e.state === 'wrap_up') && !current.has(e.agent_id)) {
				problem(`${e.event_id}: ${e.agent_id} ${e.state} without a call`);
			}
			state.set(e.agent_id, e.state);
		} else if (e.kind === 'call_answered' || e.kind === 'call_dialed') {
			if (current.has(e.agent_id)) problem(`${e.call_id}: ${e.agent_id} is already on ${current.get(e.agent_id)}`);
			if (state.get(e.agent_id) !== 'available' && e.kind === 'call_answered') {
				problem(`${e.call_id}: answered by ${e.agent_id} while ${state.get(e.agent_id) ?? 'logged out'}`);
			}
			current.set(e.agent_id, e.call_id);
		} else if (e.kind === 'wrap_ended' && current.get(e.agent_id) !== e.call_id) {
			problem(`${e.call_id}: wrap ended by ${e.agent_id}, who is on ${current.get(e.agent_id) ?? 'nothing'}`);
		}
	}
	return problems;
}
