import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestResult } from './event-batcher.ts';
import type { IngestEvent } from '../../events/schema.ts';
import { runFeeder } from './run-feeder.ts';
import { FIXTURE_LOG, fixtureMapping, fixtureText, mapText } from './spec-support.ts';

function captureSink() {
	const batches: IngestEvent[][] = [];
	const sink = (batch: IngestEvent[]): Promise<IngestResult> => {
		batches.push(batch);
		return Promise.resolve({ accepted: batch.length, duplicates: 0 });
	};
	return { sink, batches };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
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
		const report = await runFeeder({ file: FIXTURE_LOG, mapping: fixtureMapping(), sink });
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
		const { sink, batches } = captureSink();
		const stop = new AbortController();
		// A clock before the morning: only lines end wraps, as in a one-shot read of the whole file.
		const running = runFeeder({
			file,
			mapping: fixtureMapping(),
			sink,
			follow: true,
			pollMs: 10,
			signal: stop.signal,
			now: () => 0,
			batcher: { flushMs: 20 }
		});
		const delivered = () => batches.flat().length;
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
		expect(batches.flat().map((e) => e.event_id)).toEqual(expected.map((e) => e.event_id));
		expect(report.summary.lines).toBe(118);
	});

	it('ends a wrap by the wall clock while the file is quiet', async () => {
		const file = path.join(dir, 'queue_log');
		await writeFile(
			file,
			[
				'1795136591|1795136580.1202|after-sales|Local/8004@from-queue/n|CONNECT|11|1795136591.1903|6',
				'1795136855|1795136580.1202|after-sales|Local/8004@from-queue/n|COMPLETEAGENT|11|264|1',
				''
			].join('\n')
		);
		const { sink, batches } = captureSink();
		const stop = new AbortController();
		let clock = 1795136856;
		const running = runFeeder({
			file,
			mapping: fixtureMapping(),
			sink,
			follow: true,
			pollMs: 10,
			signal: stop.signal,
			now: () => clock,
			batcher: { flushMs: 20 }
		});
		const kinds = () => batches.flat().map((e) => (e.kind === 'agent_state' ? e.state : e.kind));
		await until(() => kinds().includes('wrap_up'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(kinds()).not.toContain('wrap_ended');
		// wrapup_s 30 for after-sales, and 2 s for a late line: due at 1795136887.
		clock = 1795136887;
		await until(() => kinds().includes('wrap_ended'));
		stop.abort();
		await running;
		expect(kinds()).toEqual(['call_answered', 'on_call', 'call_ended', 'wrap_up', 'wrap_ended', 'available']);
		expect(batches.flat().at(-1)?.at).toBe('2026-11-20T01:08:05.000Z');
	});
});
