import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../ingest-client/events.ts';
import { SinkError, type IngestCounts } from '../ingest-client/ingest-sink.ts';
import { waitFor } from '../../../tests/support/wait-for.ts';
import { runFeeder } from './run-feeder.ts';
import { FIXTURE_LOG, fixtureMapping, fixtureText, mapText } from '../../../tests/support/queue-log-fixture.ts';

function captureSink() {
	const batches: IngestEvent[][] = [];
	const sink = (batch: IngestEvent[]): Promise<IngestCounts> => {
		batches.push(batch);
		return Promise.resolve({ accepted: batch.length, duplicates: 0 });
	};
	return { sink, batches };
}

const until = (check: () => boolean) => waitFor(check, 5000, 'the feeder');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One agent's after-sales call (wrapup_s 30): the wrap is planned to end at 1795136885.
const AFTER_SALES_CALL = [
	'1795136591|1795136580.1202|after-sales|Local/8004@from-queue/n|CONNECT|11|1795136591.1903|6',
	'1795136855|1795136580.1202|after-sales|Local/8004@from-queue/n|COMPLETEAGENT|11|264|1'
];

/** runFeeder following `file` into a capturing sink, polling fast, with the wall clock `now`. */
function follow(file: string, now: () => number, options: { skipUnmapped?: boolean } = {}) {
	const { sink, batches } = captureSink();
	const stop = new AbortController();
	const running = runFeeder({
		file,
		mapping: fixtureMapping(),
		sink,
		follow: true,
		pollMs: 10,
		signal: stop.signal,
		now,
		batcher: { flushMs: 20 },
		...options
	});
	const events = () => batches.flat();
	const kinds = () => events().map((e) => (e.kind === 'agent_state' ? e.state : e.kind));
	return { running, stop, events, kinds };
}

describe('runFeeder', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'queue-log-run-'));
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('reads a whole file once and delivers exactly the mapped events', async () => {
		const { sink, batches } = captureSink();
		const report = await runFeeder({ file: FIXTURE_LOG, mapping: fixtureMapping(), sink, skipUnmapped: true });
		expect(batches.flat()).toEqual(mapText(fixtureText()).events);
		expect(report.summary.events).toBe(170);
		expect(report.delivery.accepted).toBe(170);
		expect(report.incomplete_last_line).toBe(false);
	});

	it('follows a file through rotation: every line is read once', async () => {
		const lines = fixtureText().trimEnd().split('\n');
		const file = path.join(dir, 'queue_log');
		const half = Math.floor(lines.length / 2);
		await writeFile(file, lines.slice(0, half).join('\n') + '\n');
		// A clock before the morning: only lines end wraps, as in a one-shot read of the whole file.
		const { running, stop, events } = follow(file, () => 0, { skipUnmapped: true });
		const delivered = () => events().length;
		await until(() => delivered() > 0);
		await rename(file, `${file}.1`);
		await appendFile(`${file}.1`, lines[half] + '\n');
		await writeFile(file, '');
		for (const line of lines.slice(half + 1)) await appendFile(file, line + '\n');
		const expected = mapText(fixtureText()).events;
		await until(() => delivered() === expected.length);
		stop.abort();
		const report = await running;
		expect(report.tail.rotations).toBe(1);
		expect(events().map((e) => e.event_id)).toEqual(expected.map((e) => e.event_id));
		expect(report.summary.lines).toBe(118);
	});

	it('ends a wrap by the wall clock while the file is quiet', async () => {
		const file = path.join(dir, 'queue_log');
		await writeFile(file, AFTER_SALES_CALL.join('\n') + '\n');
		let clock = 1795136856;
		const { running, stop, events, kinds } = follow(file, () => clock);
		await until(() => kinds().includes('wrap_up'));
		await pause(100);
		expect(kinds()).not.toContain('wrap_ended');
		// wrapup_s 30 for after-sales, and 2 s for a late line: due at 1795136887.
		clock = 1795136887;
		await until(() => kinds().includes('wrap_ended'));
		stop.abort();
		await running;
		expect(kinds()).toEqual(['call_answered', 'on_call', 'call_ended', 'wrap_up', 'wrap_ended', 'available']);
		expect(events().at(-1)?.at).toBe('2026-11-20T01:08:05.000Z');
	});

	it('by default sends nothing from a file that names queues or members the mapping lacks, and lists them', async () => {
		const { sink, batches } = captureSink();
		const report = await runFeeder({ file: FIXTURE_LOG, mapping: fixtureMapping(), sink });
		expect(batches).toEqual([]);
		expect(report).toMatchObject({ stopped: 'unmapped', sent_nothing: true });
		expect(report.summary.unmapped_queues).toEqual({ 'test-queue': { lines: 2, first_lines: [114, 115] } });
		expect(report.summary.unmapped_agents).toEqual({ 'SIP/8099': { lines: 1, first_lines: [75] } });
		expect(report.delivery.accepted).toBe(0);
	});

	it('while following, stops at the first new line with an unmapped name, having delivered all before it', async () => {
		const lines = fixtureText().trimEnd().split('\n');
		const file = path.join(dir, 'queue_log');
		// The first 74 lines name only mapped queues and members; line 75 is SIP/8099.
		await writeFile(file, lines.slice(0, 60).join('\n') + '\n');
		const { running, events } = follow(file, () => 0);
		await until(() => events().length > 0);
		await appendFile(file, lines.slice(60).join('\n') + '\n');
		const report = await running;
		expect(report).toMatchObject({ stopped: 'unmapped' });
		expect(report.sent_nothing).toBeUndefined();
		expect(report.summary.lines).toBe(75);
		expect(report.summary.unmapped_agents).toEqual({ 'SIP/8099': { lines: 1, first_lines: [75] } });
		expect(events()).toEqual(mapText(lines.slice(0, 74).join('\n')).events);
	});

	it('following an old log, leaves a wrap that was overdue when it caught up to a later line', async () => {
		const file = path.join(dir, 'queue_log');
		await writeFile(file, AFTER_SALES_CALL.join('\n') + '\n');
		// Days later: the wrap was overdue before the feeder ever saw the file.
		const { running, stop, events, kinds } = follow(file, () => 1795400000);
		await until(() => kinds().includes('wrap_up'));
		await pause(100);
		expect(kinds()).not.toContain('wrap_ended');
		// The agent's next line, 20 s into the 30 s wrap, cuts it short as it would have in one run.
		await appendFile(file, '1795136875|NONE|after-sales|Local/8004@from-queue/n|PAUSE|lunch\n');
		await until(() => kinds().includes('lunch'));
		stop.abort();
		const report = await running;
		expect(kinds()).toEqual(['call_answered', 'on_call', 'call_ended', 'wrap_up', 'wrap_ended', 'lunch']);
		expect(events().find((e) => e.kind === 'wrap_ended')?.at).toBe('2026-11-20T01:07:55.000Z');
		expect(report.summary.open_wraps).toBe(0);
	});

	it('stops reading when delivery stops for good, and says why', async () => {
		const lines = fixtureText().trimEnd().split('\n').slice(0, 40);
		const file = path.join(dir, 'queue_log');
		await writeFile(file, lines.join('\n') + '\n');
		let calls = 0;
		const report = await runFeeder({
			file,
			mapping: fixtureMapping(),
			sink: () => {
				calls += 1;
				return Promise.reject(new SinkError('401 42501 permission denied', 'fatal'));
			},
			batcher: { maxBatch: 5 }
		});
		expect(calls).toBe(1);
		expect(report.stopped).toBe('delivery');
		expect(report.delivery.fatal).toBe('401 42501 permission denied');
		expect(report.summary.lines).toBeLessThan(40);
	});
});
