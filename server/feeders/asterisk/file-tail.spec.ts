import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTail } from './file-tail.ts';
import { QueueLogMapper } from './mapper.ts';
import { fixtureMapping, fixtureText, mapText } from '../../../tests/support/queue-log-fixture.ts';

describe('FileTail', () => {
	let dir: string;
	let file: string;
	let tail: FileTail;

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'queue-log-'));
		file = path.join(dir, 'queue_log');
		tail = new FileTail(file);
	});
	afterEach(async () => {
		await tail.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('holds a line cut mid-write until its newline arrives: the events equal the whole file’s', async () => {
		const whole = fixtureText();
		// Cut inside a CONNECT line, then inside the next line's timestamp.
		const cut1 = whole.indexOf('|CONNECT|6|1795136536') + 5;
		const cut2 = whole.indexOf('\n', cut1) + 4;
		const mapper = new QueueLogMapper(fixtureMapping());
		const events = [];
		for (const [from, to] of [
			[0, cut1],
			[cut1, cut2],
			[cut2, whole.length]
		] as const) {
			await appendFile(file, whole.slice(from, to));
			for (const line of await tail.read()) events.push(...mapper.feed(line));
			expect(tail.holdsPartialLine).toBe(to !== whole.length);
		}
		expect(events).toEqual(mapText(whole).events);
		expect(tail.stats.bytes).toBe(Buffer.byteLength(whole));
	});

	it('does not split a multi-byte character cut between two writes', async () => {
		const line = Buffer.from('1795136510|NONE|q|SIP/8001|PAUSE|午餐\n');
		await writeFile(file, line.subarray(0, line.length - 3));
		expect(await tail.read()).toEqual([]);
		await appendFile(file, line.subarray(line.length - 3));
		expect(await tail.read()).toEqual(['1795136510|NONE|q|SIP/8001|PAUSE|午餐']);
	});

	it('reads every line once across a rename-and-create rotation, including late writes to the old file', async () => {
		await writeFile(file, 'a1\na2\n');
		expect(await tail.read()).toEqual(['a1', 'a2']);
		await appendFile(file, 'a3\na4-cut');
		expect(await tail.read()).toEqual(['a3']);
		// logrotate renames; Asterisk still has the old file open and finishes its line there.
		await rename(file, `${file}.1`);
		await appendFile(`${file}.1`, '-done\n');
		expect(await tail.read()).toEqual(['a4-cut-done']);
		// Asterisk reopens: a new file under the old name.
		await writeFile(file, 'b1\nb2\n');
		expect(await tail.read()).toEqual(['b1', 'b2']);
		await appendFile(file, 'b3\n');
		expect(await tail.read()).toEqual(['b3']);
		expect(tail.stats.rotations).toBe(1);
		expect(tail.offset).toBe(9);
	});

	it('starts again from 0 when the file shrinks (copytruncate)', async () => {
		await writeFile(file, 'old line one\nold line two\n');
		expect(await tail.read()).toHaveLength(2);
		await truncate(file, 0);
		await appendFile(file, 'new\n');
		expect(await tail.read()).toEqual(['new']);
		expect(tail.stats.truncations).toBe(1);
	});

	it('waits for a file that does not exist yet', async () => {
		expect(await tail.read()).toEqual([]);
		expect(tail.caughtUp).toBe(true);
		await writeFile(file, 'x\n');
		expect(await tail.read()).toEqual(['x']);
	});

	it('hands a big file over in pieces of at most maxBytes', async () => {
		const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(i)}`);
		await writeFile(file, lines.join('\n') + '\n');
		const small = new FileTail(file, { maxBytes: 100 });
		const seen: string[] = [];
		let reads = 0;
		do {
			seen.push(...(await small.read()));
			reads += 1;
		} while (!small.caughtUp);
		await small.close();
		expect(seen).toEqual(lines);
		expect(reads).toBeGreaterThan(10);
	});
});
