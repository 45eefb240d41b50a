// Shared by the specs: the fixture's paths, a mapper run over text, and the
// per-queue tallies a wallboard would show, computed from events alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestEvent } from '../ingest-client/events.ts';
import { parseMapping, type FeederMapping } from './mapping.ts';
import { QueueLogMapper } from './mapper.ts';
import type { FeederSummary } from './summary.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_LOG = path.join(here, 'fixtures', 'hotline-morning.queue_log');
export const FIXTURE_MAP = path.join(here, 'fixtures', 'hotline-morning.map.json');
export const REPO_ROOT = path.resolve(here, '..', '..', '..');

export const SALES = '9e000000-0000-4000-8000-000000000001';
export const AFTER_SALES = '9e000000-0000-4000-8000-000000000002';

export function fixtureMapping(): FeederMapping {
	return parseMapping(JSON.parse(readFileSync(FIXTURE_MAP, 'utf8')));
}

export function fixtureText(): string {
	return readFileSync(FIXTURE_LOG, 'utf8');
}

/** The text mapped as one run would map it (the lines only: no wall clock). */
export function mapText(text: string, mapping = fixtureMapping()): { events: IngestEvent[]; summary: FeederSummary } {
	const mapper = new QueueLogMapper(mapping);
	const events = text.split('\n').flatMap((line) => mapper.feed(line));
	return { events, summary: mapper.summary() };
}

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
