// Support for the wallboard end-to-end tests: a single-box server the test
// owns (so it can stop and restart it on the same data folder and port,
// which Playwright's webServer cannot), ingest with the service key, and
// signing a browser in as the wall display.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { ApiKeys } from '../../server/keys';
import type { IngestEvent } from '../../server/events/schema';
import { DEMO_PASSWORD, DEMO_SITE, demoAgent, QUEUE, STAFF } from '../support/demo';
import { freePort } from '../support/free-port';
import { startSingleBox, type SingleBoxProcess } from '../support/single-box-process';
import { HISTORY_NOTE } from '../../server/feeders/simulator/demo-history';
import { copyDataTemplate } from './data-template';

export class WallServer {
	readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-wall-e2e-'));
	#process: SingleBoxProcess | null = null;
	#keys: ApiKeys | undefined;

	private constructor(
		readonly port: number,
		/** Weeks of simulated history the server backfills on its first start (CALLBOARD_HISTORY_WEEKS). */
		readonly historyWeeks = 0
	) {}

	static async start(options: { historyWeeks?: number } = {}): Promise<WallServer> {
		const server = new WallServer(await freePort(), options.historyWeeks);
		await copyDataTemplate(server.dataDir);
		await server.start();
		return server;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The keys the server made in its data folder on the first start; a restart keeps them. */
	get keys(): ApiKeys {
		if (!this.#keys) throw new Error('the server has not started yet');
		return this.#keys;
	}

	get serviceKey(): string {
		return this.keys.service_role_key;
	}

	/** Starts the server (again) on the same folder and port; resolves once it answers. */
	async start(): Promise<void> {
		if (this.#process) throw new Error('already running');
		// The SPA is built by Playwright's webServer before any test runs.
		this.#process = await startSingleBox({
			dataDir: this.dataDir,
			port: this.port,
			env: { CALLBOARD_HISTORY_WEEKS: String(this.historyWeeks) }
		});
		this.#keys = this.#process.keys;
	}

	/** Resolves once the history backfill has left its note in the data folder (server/feeders/simulator/demo-history.ts). */
	async historyDone(timeoutMs = 240_000): Promise<void> {
		const note = path.join(this.dataDir, HISTORY_NOTE);
		const deadline = Date.now() + timeoutMs;
		while (!existsSync(note)) {
			if (Date.now() > deadline) throw new Error(`no history after ${timeoutMs / 1000} s`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	async stop(): Promise<void> {
		const running = this.#process;
		this.#process = null;
		await running?.stop();
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}

	/** Sends events through the ingest RPC with the service key, as a feeder does. */
	async ingest(events: IngestEvent[]): Promise<void> {
		const response = await fetch(`${this.url}/rest/v1/rpc/ingest_events`, {
			method: 'POST',
			headers: {
				apikey: this.serviceKey,
				authorization: `Bearer ${this.serviceKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ events })
		});
		const body = await response.text();
		if (!response.ok) throw new Error(`ingest_events answered ${response.status}: ${body}`);
		const result = JSON.parse(body) as { accepted: number };
		if (result.accepted !== events.length) throw new Error(`ingest accepted ${result.accepted} of ${events.length}`);
	}

	/** One REST call as a demo user (password grant first), the way the app makes it. */
	async restAs(email: string, pathAndQuery: string, init: { method: string; body?: unknown }): Promise<Response> {
		const keys = this.keys;
		const token = await fetch(`${this.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: keys.anon_key, 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: DEMO_PASSWORD })
		});
		if (!token.ok) throw new Error(`sign-in as ${email} answered ${token.status}`);
		const { access_token } = (await token.json()) as { access_token: string };
		return fetch(`${this.url}/rest/v1/${pathAndQuery}`, {
			method: init.method,
			headers: {
				apikey: keys.anon_key,
				authorization: `Bearer ${access_token}`,
				'content-type': 'application/json',
				prefer: 'return=representation'
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body)
		});
	}
}

export async function signInAsDisplay(page: Page, baseUrl: string, email = STAFF.display.email): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByTestId('login-email').fill(email);
	await page.getByTestId('login-password').fill(DEMO_PASSWORD);
	await page.getByTestId('login-submit').click();
	// Home sends each role to its first page (a display to its board).
	await expect(page).not.toHaveURL(/\/login/);
}

/** ISO time (whole seconds, UTC) `seconds` before `from`. */
export function ago(from: number, seconds: number): string {
	return new Date(Math.floor(from / 1000) * 1000 - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Seconds since midnight in Shanghai: scripts keep all their events inside one site day. */
export function secondsIntoShanghaiDay(now = Date.now()): number {
	return Math.floor((now / 1000 + 8 * 3600) % 86_400);
}

/** An event factory that numbers event ids so a script can be ingested once per server. */
export function eventFactory(prefix: string) {
	let n = 0;
	const id = () => `${prefix}-${++n}`;
	return {
		offered: (call: string, queue: string, at: string): IngestEvent => ({
			kind: 'call_offered',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: queue,
			at
		}),
		answered: (call: string, queue: string, agentId: string, at: string): IngestEvent => ({
			kind: 'call_answered',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: queue,
			agent_id: agentId,
			at
		}),
		abandoned: (call: string, queue: string, at: string): IngestEvent => ({
			kind: 'call_abandoned',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: queue,
			at
		}),
		timedOut: (call: string, queue: string, at: string): IngestEvent => ({
			kind: 'call_timed_out',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: queue,
			at
		}),
		ended: (call: string, queue: string, agentId: string, at: string, talk_s: number, hold_s: number): IngestEvent => ({
			kind: 'call_ended',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: queue,
			agent_id: agentId,
			at,
			talk_s,
			hold_s
		}),
		wrapped: (call: string, queue: string, agentId: string, at: string): IngestEvent => ({
			kind: 'wrap_ended',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: queue,
			agent_id: agentId,
			at
		}),
		state: (
			agentId: string,
			state: Extract<IngestEvent, { kind: 'agent_state' }>['state'],
			at: string
		): IngestEvent => ({
			kind: 'agent_state',
			event_id: id(),
			site_id: DEMO_SITE,
			agent_id: agentId,
			state,
			at
		}),
		dialed: (call: string, agentId: string, at: string): IngestEvent => ({
			kind: 'call_dialed',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: QUEUE.outbound,
			agent_id: agentId,
			at
		}),
		connected: (call: string, agentId: string, at: string): IngestEvent => ({
			kind: 'call_connected',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: QUEUE.outbound,
			agent_id: agentId,
			at
		}),
		graded: (call: string, agentId: string, grade: 'A' | 'B' | 'C' | 'D', at: string): IngestEvent => ({
			kind: 'call_graded',
			event_id: id(),
			site_id: DEMO_SITE,
			call_id: call,
			queue_id: QUEUE.outbound,
			agent_id: agentId,
			grade,
			at
		})
	};
}

/** A small deterministic random source, so every run shows the same floor. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1_664_525 + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

const INBOUND_AGENTS: Record<string, number[]> = {
	[QUEUE.sales]: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
	[QUEUE.afterSales]: [16, 17, 18, 19, 20, 21, 22, 23, 24, 25],
	[QUEUE.complaints]: [26, 27, 28, 29, 30]
};

/**
 * A busy morning for screenshots: a few hours of calls on the three inbound
 * queues (a few still waiting), all 40 agents in some state (a few past their
 * limits), and the outbound callers' dials, connects and grades. Events stay
 * inside the current Shanghai day.
 */
export function busyFloor(now: number, prefix: string): IngestEvent[] {
	const e = eventFactory(prefix);
	const rnd = random(20261123);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
	// Early in the site's day there is less past to fill; at least a few minutes.
	const span = Math.max(600, Math.min(3 * 3600, secondsIntoShanghaiDay(now) - 120));
	const events: IngestEvent[] = [];
	let call = 0;
	for (const [queue, agents] of Object.entries(INBOUND_AGENTS)) {
		const gap = queue === QUEUE.sales ? 55 : queue === QUEUE.afterSales ? 80 : 150;
		for (let t = span; t > 240; t -= gap * (0.5 + rnd())) {
			const id = `${prefix}-in-${++call}`;
			const wait = rnd() < 0.75 ? 3 + rnd() * 12 : 15 + rnd() * 60;
			events.push(e.offered(id, queue, ago(now, t)));
			if (rnd() < 0.08) {
				events.push(e.abandoned(id, queue, ago(now, t - Math.min(wait, rnd() < 0.4 ? 3 : 40))));
				continue;
			}
			const who = demoAgent(pick(agents)).agentId;
			const talk = Math.round(60 + rnd() * (queue === QUEUE.complaints ? 500 : 300));
			const hold = rnd() < 0.3 ? Math.round(rnd() * 40) : 0;
			const answered = t - wait;
			const ended = answered - talk - hold;
			events.push(e.answered(id, queue, who, ago(now, answered)));
			events.push(e.ended(id, queue, who, ago(now, ended), talk, hold));
			events.push(e.wrapped(id, queue, who, ago(now, ended - 10 - rnd() * 60)));
		}
		for (let k = 0; k < (queue === QUEUE.sales ? 3 : 1); k++)
			events.push(e.offered(`${prefix}-wait-${++call}`, queue, ago(now, 8 + k * 14)));
	}
	// The floor now: most agents busy, a few on breaks, some past their limits.
	const states: [number, Extract<IngestEvent, { kind: 'agent_state' }>['state'], number][] = [];
	for (let n = 1; n <= 40; n++) {
		const roll = rnd();
		const state =
			roll < 0.25 ? 'available' : roll < 0.65 ? 'on_call' : roll < 0.78 ? 'wrap_up' : roll < 0.9 ? 'break' : 'lunch';
		states.push([n, state, 20 + Math.round(rnd() * 500)]);
	}
	states[3] = [4, 'break', 19 * 60];
	states[12] = [13, 'wrap_up', 4 * 60];
	states[25] = [26, 'meeting', 30 * 60];
	for (const [n, state, secondsAgo] of states) events.push(e.state(demoAgent(n).agentId, state, ago(now, secondsAgo)));
	// Outbound callers 31–40: dials, about 60 % connected, connected calls graded.
	for (let n = 31; n <= 40; n++) {
		const dials = 40 + Math.round(rnd() * 150);
		for (let d = 0; d < dials; d++) {
			const id = `${prefix}-out-${n}-${d}`;
			const t = span - (d * (span - 300)) / dials;
			events.push(e.dialed(id, demoAgent(n).agentId, ago(now, t)));
			if (rnd() < 0.6) {
				events.push(e.connected(id, demoAgent(n).agentId, ago(now, t - 8)));
				const g = rnd();
				events.push(
					e.graded(id, demoAgent(n).agentId, g < 0.08 ? 'A' : g < 0.25 ? 'B' : g < 0.55 ? 'C' : 'D', ago(now, t - 60))
				);
			}
		}
	}
	return events;
}

/** Ingests in batches the RPC accepts. */
export async function ingestAll(server: WallServer, events: IngestEvent[]): Promise<void> {
	for (let i = 0; i < events.length; i += 1000) await server.ingest(events.slice(i, i + 1000));
}

/** A server of its own for a spec file, with a busy floor ingested (event ids kept apart by `tag`). */
export async function startBusyWall(tag: string): Promise<WallServer> {
	const server = await WallServer.start();
	await ingestAll(server, busyFloor(Date.now(), `${tag}-${Date.now()}`));
	return server;
}

/** Every board a TV shows, with the test id that says it has drawn and the repeated parts it is made of. */
/** The TV sizes the boards must fit (16:9: 720p, 1080p, 4K). */
export const WALL_SIZES = [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 },
	{ width: 3840, height: 2160 }
] as const;

export const WALL_BOARDS = [
	{ name: 'overview', path: '/wall', ready: `tile-${QUEUE.sales}`, parts: '[data-testid^="tile-"]' },
	{ name: 'queue', path: `/wall/queue/${QUEUE.sales}`, ready: 'queue-focus', parts: '[data-testid^="gauge-"]' },
	{ name: 'agents', path: '/wall/agents', ready: 'agent-grid', parts: '[data-testid^="agent-"]' },
	{ name: 'outbound', path: '/wall/outbound', ready: 'outbound-ranking', parts: '[data-testid^="caller-"]' }
] as const;
