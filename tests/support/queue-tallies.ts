// What a wallboard would show per queue, computed from ingest events alone
// (waits from each call's offered time): the oracle the feeders' specs hold
// the database's figures and hand-computed numbers to.
import type { IngestEvent } from '../../server/feeders/ingest-client/events.ts';

export interface QueueTally {
	offered: number;
	answered: number;
	answered_within_15s: number;
	abandoned: number;
	abandoned_short: number;
	timed_out: number;
	handled: number;
	talk_s: number;
	acw_s: number;
	wait_answered_s: number;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** Tallies per queue id, from the events only (waits from offered → answered/abandoned times). */
export function tallyByQueue(events: IngestEvent[]): Map<string, QueueTally> {
	const offeredAt = new Map<string, number>();
	const endedAt = new Map<string, number>();
	const tallies = new Map<string, QueueTally>();
	const tally = (queueId: string) => {
		let t = tallies.get(queueId);
		if (!t) {
			t = {
				offered: 0,
				answered: 0,
				answered_within_15s: 0,
				abandoned: 0,
				abandoned_short: 0,
				timed_out: 0,
				handled: 0,
				talk_s: 0,
				acw_s: 0,
				wait_answered_s: 0
			};
			tallies.set(queueId, t);
		}
		return t;
	};
	for (const e of events) {
		if (e.kind === 'agent_state') continue;
		const t = tally(e.queue_id);
		const key = `${e.queue_id}/${e.call_id}`;
		const wait = () => seconds(e.at) - (offeredAt.get(key) ?? Number.NaN);
		switch (e.kind) {
			case 'call_offered':
				t.offered += 1;
				offeredAt.set(key, seconds(e.at));
				break;
			case 'call_answered':
				t.answered += 1;
				t.wait_answered_s += wait();
				if (wait() <= 15) t.answered_within_15s += 1;
				break;
			case 'call_abandoned':
				t.abandoned += 1;
				if (wait() < 5) t.abandoned_short += 1;
				break;
			case 'call_timed_out':
				t.timed_out += 1;
				break;
			case 'call_ended':
				t.handled += 1;
				t.talk_s += e.talk_s;
				endedAt.set(key, seconds(e.at));
				break;
			case 'wrap_ended':
				t.acw_s += seconds(e.at) - (endedAt.get(key) ?? Number.NaN);
				break;
		}
	}
	return tallies;
}
