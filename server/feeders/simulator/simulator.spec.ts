import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorOptions } from '../simulator.ts';
import { parseCliArgs, parseDuration, UsageError, type CliOptions } from './cli-options.ts';
import { DEMO_AGENTS } from './demo-site.ts';
import type { IngestEvent } from './ingest-event.ts';
import { findViolations } from '../../../tests/support/call-stream-violations.ts';

const H = 3_600_000;
const quiet = () => {};

async function capture(options: SimulatorOptions) {
	const events: IngestEvent[] = [];
	const batches: number[] = [];
	const sim = startSimulator({
		speed: 0,
		log: quiet,
		...options,
		sink: (batch) => {
			batches.push(batch.length);
			events.push(...batch);
			return Promise.resolve({ accepted: batch.length, duplicates: 0 });
		}
	});
	const report = await sim.done;
	return { events, batches, report };
}

describe('startSimulator', () => {
	it('runs a working day at full speed into the sink: consistent, time-ordered, within the window', async () => {
		const start = Date.parse('2026-11-23T01:00:00Z'); // 09:00 in Shanghai
		const { events, batches, report } = await capture({ seed: 42, start: '2026-11-23T09:00', durationMs: 12 * H });
		expect(report.error).toBeUndefined();
		expect(report.events).toBe(events.length);
		expect(report.delivery).toMatchObject({ accepted: events.length, dropped: 0 });
		expect(Math.max(...batches)).toBeLessThanOrEqual(1000);
		const times = events.map((e) => Date.parse(e.at));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		// Before 09:00 only what is still true at 09:00: agents' states and calls still going
		// (a dial still ringing at 09:00 that never connects has no later event).
		const early = events.filter((e) => Date.parse(e.at) < start);
		const goingOn = new Set(events.filter((e) => Date.parse(e.at) >= start).map((e) => 'call_id' in e && e.call_id));
		const stale = early.filter((e) => e.kind !== 'agent_state' && e.kind !== 'call_dialed' && !goingOn.has(e.call_id));
		expect(stale).toEqual([]);
		expect(early.filter((e) => e.kind === 'agent_state').length).toBeLessThanOrEqual(40);
		expect(Math.max(...times)).toBeLessThan(start + 12 * H);
		expect(findViolations(events, DEMO_AGENTS)).toEqual([]);
		expect(report.byKind.call_offered).toBeGreaterThan(800);
	});

	it('replays the same seed and start identically; a later start on the same day continues the same story', async () => {
		const first = await capture({ seed: 9, start: '2026-11-23T09:00', durationMs: 6 * H });
		const again = await capture({ seed: 9, start: '2026-11-23T09:00', durationMs: 6 * H });
		expect(again.events).toEqual(first.events);

		// Started at noon (as after a restart): it sends the present state, then what the first run sent.
		const noon = Date.parse('2026-11-23T04:00:00Z');
		const later = await capture({ seed: 9, start: '2026-11-23T12:00', durationMs: 3 * H });
		const byId = new Map(first.events.map((e) => [e.event_id, e]));
		for (const e of later.events) expect(byId.get(e.event_id)).toEqual(e);
		const fromNoon = (events: IngestEvent[]) => events.filter((e) => Date.parse(e.at) >= noon).map((e) => e.event_id);
		expect(fromNoon(later.events)).toEqual(fromNoon(first.events));

		const snapshot = later.events.filter((e) => Date.parse(e.at) < noon);
		const states = snapshot.filter((e) => e.kind === 'agent_state');
		expect(new Set(states.map((e) => e.agent_id)).size).toBe(states.length);
		// One each for the 34 agents who work this Monday on fixed hours (five days a week each).
		expect(states.length).toBe(34);
		// Every call it mentions starts in what it sent, so the ingest never sees an answer to an unknown call.
		const started = new Set(
			later.events.filter((e) => e.kind === 'call_offered' || e.kind === 'call_dialed').map((e) => e.call_id)
		);
		const orphans = later.events.filter((e) => 'call_id' in e && !started.has(e.call_id));
		expect(orphans).toEqual([]);
		expect(snapshot.some((e) => e.kind === 'call_answered' || e.kind === 'call_dialed')).toBe(true);

		// Backfill sends the whole morning instead.
		const backfilled = await capture({ seed: 9, start: '2026-11-23T12:00', durationMs: H, warmup: 'backfill' });
		const nine = Date.parse('2026-11-23T01:00:00Z');
		const morning = (events: IngestEvent[]) =>
			events.filter((e) => Date.parse(e.at) >= nine && Date.parse(e.at) < noon);
		expect(morning(backfilled.events)).toEqual(morning(first.events));
		const logins = backfilled.events.filter((e) => Date.parse(e.at) < nine && e.kind === 'agent_state');
		expect(logins.length).toBeGreaterThan(20);
	});

	it('keeps a tagged run apart, and crosses midnight into a new day with its own ids', async () => {
		const tagged = await capture({ seed: 9, start: '2026-11-23T09:00', durationMs: H, tag: 'demo2' });
		expect(tagged.events[0]?.event_id).toMatch(/^sim:9:demo2\.2026-11-23:\d+$/);
		const twoDays = await capture({ seed: 9, start: '2026-11-23T17:00', durationMs: 20 * H });
		const days = new Set(twoDays.events.map((e) => e.event_id.split(':')[2]));
		expect(days).toEqual(new Set(['2026-11-23', '2026-11-24']));
		expect(new Set(twoDays.events.map((e) => e.event_id)).size).toBe(twoDays.events.length);
	});

	it('paces simulated time: speed 3600 runs 20 simulated minutes in about a third of a second', async () => {
		const started = performance.now();
		const paced = await capture({ seed: 1, start: '2026-11-23T10:00', durationMs: H / 3, speed: 3600 });
		const elapsed = performance.now() - started;
		expect(elapsed).toBeGreaterThan(300);
		expect(elapsed).toBeLessThan(5000);
		expect(paced.report.simulatedUntil).toBe(Date.parse('2026-11-23T02:20:00Z'));
		expect(paced.events.length).toBeGreaterThan(100);
	});

	it('never sends an event stamped after the wall clock: a fast run catches up with the present, then waits for it', async () => {
		// A fake clock whose present is 10:05 site time and creeps on only while the run sleeps.
		let wall = Date.parse('2026-11-23T02:05:00Z');
		let mono = 0;
		const stampedAhead: number[] = [];
		const sim = startSimulator({
			seed: 3,
			start: '2026-11-23T10:00',
			durationMs: H / 6,
			speed: 0,
			log: quiet,
			clock: {
				now: () => mono,
				wallNow: () => wall,
				sleep: (ms) => {
					mono += ms;
					wall += ms;
					return Promise.resolve();
				}
			},
			sink: (batch) => {
				for (const e of batch) if (Date.parse(e.at) > wall) stampedAhead.push(Date.parse(e.at) - wall);
				return Promise.resolve({ accepted: batch.length, duplicates: 0 });
			}
		});
		const report = await sim.done;
		expect(report.events).toBeGreaterThan(50);
		expect(stampedAhead).toEqual([]);
		// It had to wait for the present from 10:05 to 10:10.
		expect(wall).toBeGreaterThanOrEqual(Date.parse('2026-11-23T02:09:00Z'));
	});

	it('starts a fast run without --start at the site midnight of today, a live one now', () => {
		const fast = startSimulator({
			speed: 60,
			durationMs: 0,
			log: quiet,
			sink: () => Promise.resolve({ accepted: 0, duplicates: 0 })
		});
		return fast.done.then((report) => {
			const midnight = new Date(report.simulatedUntil);
			// Asia/Shanghai midnight is 16:00 UTC of the day before.
			expect(midnight.getUTCHours()).toBe(16);
			expect(midnight.getUTCMinutes()).toBe(0);
			expect(Date.now() - report.simulatedUntil).toBeLessThanOrEqual(24 * H);
		});
	});

	it('stops a live run promptly and delivers what it had', async () => {
		const events: IngestEvent[] = [];
		const sim = startSimulator({
			start: '2026-11-23T10:00',
			log: quiet,
			sink: (batch) => {
				events.push(...batch);
				return Promise.resolve({ accepted: batch.length, duplicates: 0 });
			}
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		const started = performance.now();
		await sim.stop();
		expect(performance.now() - started).toBeLessThan(1000);
		const report = await sim.done;
		expect(report.error).toBeUndefined();
		expect(events.filter((e) => e.kind === 'agent_state').length).toBeGreaterThanOrEqual(34);
		expect(report.simulatedUntil - Date.parse('2026-11-23T02:00:00Z')).toBeLessThan(60_000);
	});

	it('ends with an error in the report, not a crash, without a key; and gives up on an unreachable server', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'sim-keys-'));
		const saved = process.env.CALLBOARD_DATA;
		process.env.CALLBOARD_DATA = dir;
		try {
			const report = await startSimulator({ speed: 0, durationMs: H, log: quiet }).done;
			expect(report.error).toMatch(/keys\.json cannot be read \(ENOENT\)/);
		} finally {
			if (saved === undefined) delete process.env.CALLBOARD_DATA;
			else process.env.CALLBOARD_DATA = saved;
			await rm(dir, { recursive: true });
		}

		const lines: string[] = [];
		const report = await startSimulator({
			speed: 0,
			start: '2026-11-23T10:00',
			durationMs: 10 * 60_000,
			url: 'http://127.0.0.1:9',
			key: 'x'.repeat(40),
			stopTimeoutMs: 300,
			log: (line) => lines.push(line)
		}).done;
		expect(report.delivery.accepted).toBe(0);
		expect(report.delivery.dropped).toBe(report.events);
		expect(lines.filter((l) => l.startsWith('ingest_events failed'))).toHaveLength(1);

		// Two days at full speed outrun any queue: stop() still returns while the server stays away.
		const flood = startSimulator({
			speed: 0,
			start: '2026-11-23T10:00',
			durationMs: 48 * H,
			url: 'http://127.0.0.1:9',
			key: 'x'.repeat(40),
			stopTimeoutMs: 300,
			log: quiet
		});
		await new Promise((resolve) => setTimeout(resolve, 500));
		const stopping = performance.now();
		await flood.stop();
		expect(performance.now() - stopping).toBeLessThan(2000);
		const flooded = await flood.done;
		expect(flooded.events).toBeGreaterThan(10_000);
		expect(flooded.simulatedUntil).toBeLessThan(Date.parse('2026-11-24T02:00:00Z'));
		expect(flooded.delivery.dropped).toBe(flooded.events);
	});
});

/** The options parsed from args (failing the test on --help). */
function options(args: string[]): CliOptions {
	const parsed = parseCliArgs(args);
	if (parsed === 'help') throw new Error('unexpected --help');
	return parsed;
}

describe('CLI options', () => {
	it('reads speed, seed, start in site time and durations', () => {
		const cli = options(['--speed', 'max', '--seed', '7', '--start', '2026-11-23T09:00', '--duration', '1h30m']);
		expect(cli).toMatchObject({ speed: 0, seed: 7, durationMs: 90 * 60_000, url: 'http://localhost:8080' });
		expect(cli.start).toBe(Date.parse('2026-11-23T01:00:00Z'));
		expect(options([])).toMatchObject({ speed: 1, seed: 42, start: undefined, durationMs: undefined });
		expect(options(['--speed', '60']).speed).toBe(60);
		expect(options([]).historyWeeks).toBe(0);
		expect(options(['--history-weeks', '8']).historyWeeks).toBe(8);
		expect(parseDuration('8h')).toBe(8 * H);
		expect(parseDuration('90s')).toBe(90_000);
		expect(parseDuration('2d')).toBe(48 * H);
		expect(parseDuration('45')).toBe(45_000);
	});

	it('refuses bad input with a usage error', () => {
		for (const args of [
			['--speed', '-1'],
			['--speed', 'fast'],
			['--seed', '1.5'],
			['--start', 'yesterday'],
			['--duration', '5x'],
			['--duration', '0s'],
			['--url', 'not a url'],
			['--key', 'short'],
			['--history-weeks', '1.5'],
			['--history-weeks', '53'],
			['--bogus']
		]) {
			expect(() => parseCliArgs(args), args.join(' ')).toThrow(UsageError);
		}
	});

	it('answers --help (or -h) with the usage, whatever else is given', () => {
		expect(parseCliArgs(['--help'])).toBe('help');
		expect(parseCliArgs(['-h', '--speed', 'fast'])).toBe('help');
	});
});
