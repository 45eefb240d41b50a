import { describe, expect, it } from 'vitest';
import { checkIngestBatch } from '../../tests/support/ingest-batch-check.ts';
import { eventCases, validEvents } from '../../tests/support/ingest-event-cases.ts';
import { ingestBatch, ingestEvent, ingestResult, MAX_BATCH_EVENTS } from './schema.ts';

describe('ingestEvent', () => {
	it.each(eventCases)('$name: valid is $valid', ({ event, valid }) => {
		expect(ingestEvent.safeParse(event).success).toBe(valid);
	});

	it('keeps every field of a valid event and narrows on kind', () => {
		const parsed = ingestEvent.parse(validEvents.call_ended);
		expect(parsed).toEqual(validEvents.call_ended);
		if (parsed.kind !== 'call_ended') throw new Error('kind was not kept');
		expect(parsed.talk_s + parsed.hold_s).toBe(95);
	});

	it('names the field that is wrong', () => {
		const result = ingestEvent.safeParse({ ...validEvents.call_ended, hold_s: -5 });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['hold_s']);
	});
});

describe('ingestBatch', () => {
	const offered = validEvents.call_offered;

	it(`takes up to ${MAX_BATCH_EVENTS} events, and repeated event ids`, () => {
		const batch = Array.from({ length: MAX_BATCH_EVENTS }, (_, i) => ({ ...offered, call_id: `C-${i % 10}` }));
		expect(ingestBatch.safeParse(batch).success).toBe(true);
		expect(ingestBatch.safeParse([]).success).toBe(true);
	});

	it(`refuses ${MAX_BATCH_EVENTS + 1} events and a batch that is not an array`, () => {
		expect(ingestBatch.safeParse(Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => offered)).success).toBe(false);
		expect(ingestBatch.safeParse({ events: [offered] }).success).toBe(false);
	});
});

describe('checkIngestBatch', () => {
	const offered = validEvents.call_offered;

	it('passes a good batch through', () => {
		expect(checkIngestBatch([offered, validEvents.agent_state])).toEqual({
			ok: true,
			events: [offered, validEvents.agent_state]
		});
	});

	it('names the first bad event by index and event_id, as the database does', () => {
		const check = checkIngestBatch([
			offered,
			{ ...offered, event_id: 'bad-1', at: 'yesterday' },
			{ ...offered, event_id: 'bad-2', queue_id: 'q' }
		]);
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(check.index).toBe(1);
		expect(check.message).toMatch(/^events\[1\] \(event_id "bad-1"\): at: /);
	});

	it('reports a batch that is too big or not an array without an index', () => {
		const big = checkIngestBatch(Array.from({ length: 1001 }, () => offered));
		expect(big).toEqual({ ok: false, index: null, message: 'too many events: 1001 in one batch, at most 1000' });
		expect(checkIngestBatch('events')).toMatchObject({ ok: false, index: null });
	});
});

describe('ingestResult', () => {
	it('reads what ingest_events answers', () => {
		const answer = { accepted: 2, duplicates: 1, duplicate_ids: ['e-1'] };
		expect(ingestResult.parse(answer)).toEqual(answer);
		expect(ingestResult.safeParse({ accepted: -1, duplicates: 0, duplicate_ids: [] }).success).toBe(false);
	});
});
