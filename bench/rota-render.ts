// Benchmark of the rota editor in Chromium (issue: seasonal shift
// schedules): a 200-agent team's draft week of 1,000 shifts opened in
// /schedules/<team>/<week> on the single box, timed from navigation start to
// the grid being interactive (every agent row drawn, the violations listed),
// with the moment the live link joined reported beside it. Baseline in the same run: the demo's 10-agent team,
// same page, same browser. Also the batch that wrote the 1,000 shifts
// through apply_schedule_edits, as one figure.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_SITE, STAFF, TEAM as DEMO_TEAM } from '../tests/support/demo.ts';
import { freePort } from '../tests/support/free-port.ts';
import { startSingleBox, type SingleBoxProcess } from '../tests/support/single-box-process.ts';
import { median, ms, type Row } from './support/stats.ts';

const TEAM = '7e000000-0000-4000-8000-0000000000b2';
const AGENTS = 200;

/** A Monday four weeks on, so the demo's own schedules are not in the way. */
function benchWeek(): string {
	const now = new Date(Date.now() + 8 * 3_600_000);
	const monday =
		Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * 86_400_000;
	return new Date(monday + 28 * 86_400_000).toISOString().slice(0, 10);
}

async function api(box: SingleBoxProcess, pathAndQuery: string, body: unknown, token?: string): Promise<unknown> {
	const response = await fetch(`${box.url}/${pathAndQuery}`, {
		method: 'POST',
		headers: {
			apikey: box.keys.anon_key,
			authorization: `Bearer ${token ?? box.keys.service_role_key}`,
			'content-type': 'application/json',
			prefer: 'return=representation'
		},
		body: JSON.stringify(body)
	});
	if (!response.ok) throw new Error(`${pathAndQuery} answered ${response.status}: ${await response.text()}`);
	return response.json();
}

async function supervisorToken(box: SingleBoxProcess): Promise<string> {
	const answer = (await api(box, 'auth/v1/token?grant_type=password', {
		email: STAFF.supervisor.email,
		password: DEMO_PASSWORD
	})) as { access_token: string };
	return answer.access_token;
}

/** The bench team, its agents with the sales skill, and a draft with five early shifts each; returns the batch's time. */
async function seed(box: SingleBoxProcess, week: string): Promise<number> {
	await api(box, 'rest/v1/teams', { id: TEAM, site_id: DEMO_SITE, name: 'Bench team' });
	const agents = (await api(
		box,
		'rest/v1/agents',
		Array.from({ length: AGENTS }, (_, i) => ({
			site_id: DEMO_SITE,
			team_id: TEAM,
			display_name: `Bench agent ${i + 1}`,
			employee_no: `B${String(i + 1).padStart(3, '0')}`
		}))
	)) as { id: string }[];
	const queues = (await (
		await fetch(`${box.url}/rest/v1/shift_template_queues?select=template_id,queue_id`, {
			headers: { apikey: box.keys.anon_key, authorization: `Bearer ${box.keys.service_role_key}` }
		})
	).json()) as { template_id: string; queue_id: string }[];
	const early = '57000000-0000-4000-8000-000000000001';
	const salesQueue = queues.find((q) => q.template_id === early)?.queue_id;
	if (!salesQueue) throw new Error('the demo early template staffs no queue');
	await api(
		box,
		'rest/v1/agent_skills',
		agents.map((a) => ({ site_id: DEMO_SITE, agent_id: a.id, queue_id: salesQueue }))
	);
	const token = await supervisorToken(box);
	const draft = (await api(box, 'rest/v1/rpc/create_schedule_draft', { team_id: TEAM, week_start: week }, token)) as {
		id: string;
		revision: number;
	};
	const days = Array.from({ length: 7 }, (_, d) =>
		new Date(Date.parse(`${week}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10)
	);
	const edits = agents.flatMap((a, i) =>
		days
			.filter((_, d) => d !== i % 7 && d !== (i + 1) % 7)
			.map((day) => ({ op: 'set', agent_id: a.id, day, template_id: early }))
	);
	const started = performance.now();
	await api(
		box,
		'rest/v1/rpc/apply_schedule_edits',
		{ schedule_id: draft.id, expected_revision: draft.revision, edits },
		token
	);
	return performance.now() - started;
}

/**
 * Milliseconds from navigation start until the grid shows `rows` agents and
 * the violations (interactive: cells take clicks and keys), and until the
 * live link to the team's topic has joined as well (a network round trip
 * more, which editing does not wait for).
 */
async function openRota(page: Page, url: string, rows: number): Promise<{ interactive: number; live: number }> {
	await page.goto(url);
	await page.locator(`[data-testid="rota-grid"] tbody tr:nth-child(${rows})`).waitFor();
	await page.getByTestId('violations').waitFor();
	const interactive = await page.evaluate(() => performance.now());
	await page.locator('[data-testid="rota-live"][data-live="true"]').waitFor();
	return { interactive, live: await page.evaluate(() => performance.now()) };
}

export async function benchRotaRender({ quick }: { quick: boolean }): Promise<Row[]> {
	const rounds = quick ? 3 : 10;
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-rota-'));
	const box = await startSingleBox({ dataDir, port: await freePort(), env: { CALLBOARD_SIMULATE: '0' } });
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	try {
		const week = benchWeek();
		const batch = await seed(box, week);
		const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
		await page.goto(`${box.url}/login`);
		await page.getByTestId('login-email').fill(STAFF.supervisor.email);
		await page.getByTestId('login-password').fill(DEMO_PASSWORD);
		await page.getByTestId('login-submit').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		// The demo team's draft week (the seed's) is the baseline; both warmed once.
		const demoWeek = new Date(Date.parse(`${week}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
		const big = `${box.url}/schedules/${TEAM}/${week}`;
		const small = `${box.url}/schedules/${DEMO_TEAM.hotlineA}/${demoWeek}`;
		await openRota(page, big, AGENTS);
		await openRota(page, small, 10);
		const bigTimes: number[] = [];
		const bigLive: number[] = [];
		const smallTimes: number[] = [];
		for (let i = 0; i < rounds; i++) {
			const big200 = await openRota(page, big, AGENTS);
			bigTimes.push(big200.interactive);
			bigLive.push(big200.live);
			smallTimes.push((await openRota(page, small, 10)).interactive);
		}
		const render = median(bigTimes);
		const base = median(smallTimes);
		return [
			{
				benchmark: `rota editor to interactive in Chromium, ${AGENTS} agents × 7 days (1,000 shifts)`,
				figure: `median ${ms(render)} over ${rounds} loads (live link joined at ${ms(median(bigLive))}); baseline the demo's 10-agent team ${ms(base)} (×${(render / base).toFixed(1)})`,
				goal: 'median < 500 ms',
				met: render < 500
			},
			{
				benchmark: 'apply_schedule_edits: one batch of 1,000 shift edits through the API',
				figure: `${ms(batch)} (one run, on a fresh database)`,
				goal: 'reported',
				met: true
			}
		];
	} finally {
		await browser.close();
		await box.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
