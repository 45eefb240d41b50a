// The Asterisk feeder's fixture (tests/fixtures/asterisk: a hotline morning's
// queue_log and its mapping file), and the fixture's text mapped to events as
// one run of the feeder would map it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestEvent } from '../../server/feeders/ingest-client/events.ts';
import { parseMapping, type FeederMapping } from '../../server/feeders/asterisk/mapping.ts';
import { QueueLogMapper } from '../../server/feeders/asterisk/mapper.ts';
import type { FeederSummary } from '../../server/feeders/asterisk/summary.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'asterisk');
export const FIXTURE_LOG = path.join(FIXTURES, 'hotline-morning.queue_log');
export const FIXTURE_MAP = path.join(FIXTURES, 'hotline-morning.map.json');

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
