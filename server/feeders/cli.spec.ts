// Both feeders' entry points as an operator runs them, in a child process:
// --help, usage errors, and the Asterisk feeder's refusal to send a file that
// names queues or members its map lacks, against a stand-in ingest that counts
// what reaches it.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../tests/support/listen.ts';
import { FIXTURE_LOG, FIXTURE_MAP } from '../../tests/support/queue-log-fixture.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ASTERISK = path.join(here, 'asterisk-queue-log.ts');
const SIMULATOR = path.join(here, 'simulator.ts');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function run(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			['--import', 'tsx', entry, ...args],
			// An empty data folder: a key can only come from --key.
			{ env: { ...process.env, CALLBOARD_DATA: path.join(tmpdir(), 'no-such-callboard'), ...env } },
			(error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
	});
}

describe('feeder command lines', () => {
	let ingest: Listening;
	let received = 0;
	let dir: string;
	const key = ['--key', 'k'.repeat(40)];

	beforeAll(async () => {
		ingest = await listen(
			createServer((req, res) => {
				let body = '';
				req.on('data', (chunk: Buffer) => (body += chunk.toString()));
				req.on('end', () => {
					const { events } = JSON.parse(body) as { events: unknown[] };
					received += events.length;
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ accepted: events.length, duplicates: 0, duplicate_ids: [] }));
				});
			})
		);
		dir = await mkdtemp(path.join(tmpdir(), 'feeder-cli-'));
	});
	afterAll(async () => {
		await ingest?.close();
		await rm(dir, { recursive: true, force: true });
	});

	it.each([
		['asterisk-queue-log', ASTERISK],
		['simulator', SIMULATOR]
	])('%s: --help prints the usage and exits 0; a usage error prints it and exits 2', async (_, entry) => {
		const help = await run(entry, ['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toMatch(/^usage: /);
		const wrong = await run(entry, ['--no-such-option']);
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toMatch(/Unknown option '--no-such-option'[\s\S]*usage: /);
	});

	it('asterisk-queue-log: a missing --file is a usage error', async () => {
		const missing = await run(ASTERISK, ['--map', FIXTURE_MAP]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/--file is required[\s\S]*usage: /);
	});

	it('asterisk-queue-log: names every queue and member the map lacks, sends nothing, exits 3', async () => {
		received = 0;
		const result = await run(ASTERISK, ['--file', FIXTURE_LOG, '--map', FIXTURE_MAP, '--url', ingest.url, ...key]);
		expect(result.code).toBe(3);
		expect(received).toBe(0);
		expect(result.stderr).toContain('nothing was sent');
		expect(result.stderr).toContain('queue "test-queue" on 2 lines (114, 115)');
		expect(result.stderr).toContain('agent "SIP/8099" on 1 line (75)');
		expect(result.stderr).toContain('--skip-unmapped');
	});

	it('asterisk-queue-log: with --skip-unmapped, sends the rest and lists what it left out', async () => {
		received = 0;
		const result = await run(ASTERISK, [
			'--file',
			FIXTURE_LOG,
			'--map',
			FIXTURE_MAP,
			'--url',
			ingest.url,
			'--skip-unmapped',
			...key
		]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(received).toBe(170);
		expect(result.stdout).toContain('unmapped queue "test-queue" on 2 lines (114, 115)');
		expect(result.stdout).toContain('delivered: 170 accepted, 0 duplicates, 0 refused, 0 dropped');
	});

	it('asterisk-queue-log: a mapping that is not valid is named, with the bad key, exit 1', async () => {
		const map = path.join(dir, 'bad.map.json');
		await writeFile(map, JSON.stringify({ site_id: 'nope', queues: {}, agents: {} }));
		const result = await run(ASTERISK, ['--file', FIXTURE_LOG, '--map', map, ...key]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/bad\.map\.json is invalid: site_id: must be a uuid/);
	});
});
