// QA and CSAT end to end, on a server of this file's own: two calls of
// agent05 arrive through the ingest (as the phone system's feeder sends
// them); the seed's QA specialist scores the first with the demo scorecard
// on a laptop, partly by keyboard, and sees the computed total before
// saving; then imports a CSAT file with one bad line, which the check and
// the import both name by its line number: all or nothing stores nothing,
// the good lines only store the good line. agent05 reads their own score
// and rating through the API, agent06 reads neither. Axe in zh-CN and
// en-US at 1280x720 on both pages; screenshots of each step.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, QUEUE, STAFF } from '../support/demo';
import { ago, eventFactory, signInAsDisplay, WallServer } from './wall-support';

const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const AGENT = demoAgent(5);
const OTHER = demoAgent(6);

let server: WallServer;
const run = Date.now();
const scored = `QA-E2E-${run}-1`;
const rated = `QA-E2E-${run}-2`;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	const e = eventFactory(`qa-e2e-${run}`);
	const now = Date.now();
	await server.ingest(
		[
			{ call: scored, from: 900, talk: 185 },
			{ call: rated, from: 600, talk: 95 }
		].flatMap(({ call, from, talk }) => [
			e.offered(call, QUEUE.sales, ago(now, from)),
			e.answered(call, QUEUE.sales, AGENT.agentId, ago(now, from - 10)),
			e.ended(call, QUEUE.sales, AGENT.agentId, ago(now, from - 10 - talk), talk, 0),
			e.wrapped(call, QUEUE.sales, AGENT.agentId, ago(now, from - 40 - talk))
		])
	);
});

test.afterAll(async () => {
	await server?.dispose();
});

async function signedIn(browser: Browser, email: string, locale: string): Promise<Page> {
	const context = await browser.newContext({ viewport: DESK, locale });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, email);
	return page;
}

/** Rows an API call as `email` returns. */
async function readAs<T>(email: string, pathAndQuery: string): Promise<T[]> {
	const response = await server.restAs(email, pathAndQuery, { method: 'GET' });
	expect(response.ok).toBe(true);
	return (await response.json()) as T[];
}

test('the QA specialist scores a call item by item and sees the total before saving', async ({ browser }) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, STAFF.qa.email, 'zh-CN');
	await page.getByTestId('nav-qa').click();
	await expect(page).toHaveURL(/\/qa$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('通话质检');
	await expect(page.getByTestId('qa-recent').or(page.getByText('还没有通话被评分。'))).toBeVisible();

	await page.getByTestId('qa-agent').selectOption(AGENT.agentId);
	const row = page.getByTestId('qa-calls').getByRole('row').filter({ hasText: scored });
	await expect(row).toContainText('呼入');
	await expect(row).toContainText('3:05');
	await expect(row).toContainText('未评分');
	await row.getByRole('button').click();
	await expect(row.getByRole('button')).toHaveAttribute('aria-pressed', 'true');

	// The demo scorecard: weights 15, 25, 25, 20, 15, each out of 5.
	const form = page.getByTestId('qa-score-form');
	const item = (label: string) => form.getByRole('group', { name: new RegExp(`^${label}`) });
	await item('开场白').getByRole('radio', { name: '4', exact: true }).check();
	// Keyboard: the next item's radios take arrow keys.
	await item('需求挖掘').getByRole('radio', { name: '0', exact: true }).focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(item('需求挖掘').getByRole('radio', { name: '3', exact: true })).toBeChecked();
	await item('专业知识').getByRole('radio', { name: '5', exact: true }).check();
	await expect(page.getByTestId('qa-total')).toContainText('每项都打分后显示');
	await expect(form.getByRole('button', { name: '保存评分' })).toBeDisabled();
	await item('服务态度').getByRole('radio', { name: '5', exact: true }).check();
	await item('合规用语').getByRole('radio', { name: '4', exact: true }).check();
	// (15·4/5 + 25·3/5 + 25 + 20 + 15·4/5) / 100 → 84
	await expect(page.getByTestId('qa-total')).toContainText('84');
	await form.getByLabel('评语（选填）').fill('开场规范，需求挖掘可以更深入');
	await page.screenshot({ path: `${SHOTS}/qa-scoring-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);

	await form.getByRole('button', { name: '保存评分' }).click();
	await expect(page.getByTestId('qa-saved')).toHaveText('已保存，得分 84。');
	await expect(row).toContainText('84');
	const recent = page.getByTestId('qa-recent').getByRole('row').filter({ hasText: '开场规范' });
	await expect(recent).toContainText('E005');
	await expect(recent).toContainText('84');
	await page.screenshot({ path: `${SHOTS}/qa-scored-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);

	// The score is the agent's to read, not a colleague's.
	const path = `qa_evaluations?select=total,agent_id&call_id=eq.${scored}`;
	expect(await readAs(AGENT.email, path)).toEqual([{ total: 84, agent_id: AGENT.agentId }]);
	expect(await readAs(OTHER.email, path)).toEqual([]);
	expect(await readAs(STAFF.display.email, path)).toEqual([]);
	await page.context().close();
});

test('the QA specialist imports a CSAT file with one bad line, in English', async ({ browser }) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, STAFF.qa.email, 'en-US');
	await page.goto(`${server.url}/qa`);
	await page.getByTestId('qa-csat-link').click();
	await expect(page).toHaveURL(/\/qa\/csat$/);
	await expectNoAxeViolations(page);

	const csv = `Call ID,CSAT,Rated at\r\n${rated},5,\r\nNO-SUCH-CALL,4,\r\n`;
	await page
		.getByTestId('csat-file')
		.setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	const preview = page.getByTestId('csat-preview');
	await expect(preview).toContainText('survey.csv: ready to import 1, with a problem 1.');
	const problem = page.getByTestId('csat-refused').getByRole('row').filter({ hasText: 'NO-SUCH-CALL' });
	await expect(problem.getByRole('cell').first()).toHaveText('3');
	await expect(problem).toContainText('No call with this ID at this site');
	await page.screenshot({ path: `${SHOTS}/qa-csat-check-en-US-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);
	// Nothing is stored by the check, nor by an all-or-nothing import while a line is bad.
	expect(await readAs(STAFF.qa.email, `call_ratings?select=score&call_id=eq.${rated}`)).toEqual([]);
	await page.getByLabel('All or nothing: import nothing while any line has a problem').check();
	await expect(page.getByTestId('csat-all-blocked')).toBeVisible();
	await page.getByTestId('csat-import').click();
	await expect(page.getByTestId('csat-summary')).toHaveText('Nothing was imported.');
	await expect(page.getByTestId('csat-refused').getByRole('row').filter({ hasText: 'NO-SUCH-CALL' })).toBeVisible();
	expect(await readAs(STAFF.qa.email, `call_ratings?select=score&call_id=eq.${rated}`)).toEqual([]);

	await page.getByRole('button', { name: 'Choose another file' }).click();
	await page
		.getByTestId('csat-file')
		.setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await page.getByLabel('Import the good lines and skip the rest').check();
	await page.getByTestId('csat-import').click();
	await expect(page.getByTestId('csat-summary')).toHaveText('Imported: 1. Not imported: 1.');
	await expect(page.getByTestId('csat-refused')).toContainText('NO-SUCH-CALL');
	await page.screenshot({ path: `${SHOTS}/qa-csat-done-en-US-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);

	const path = `call_ratings?select=score,agent_id&call_id=eq.${rated}`;
	expect(await readAs(AGENT.email, path)).toEqual([{ score: 5, agent_id: AGENT.agentId }]);
	expect(await readAs(OTHER.email, path)).toEqual([]);
	await page.context().close();
});

test('a supervisor reads the scores in English and opens the import in Chinese; an agent is not offered QA', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, STAFF.supervisor.email, 'en-US');
	await page.getByTestId('nav-qa').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Call quality');
	// Supervisors do not score (public.score_call): no desk, the scores only.
	await expect(page.getByTestId('qa-desk')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Recent scores' })).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/qa-supervisor-en-US-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);
	await page.context().close();

	const zh = await signedIn(browser, STAFF.supervisor.email, 'zh-CN');
	await zh.goto(`${server.url}/qa/csat`);
	await expect(zh.getByRole('heading', { level: 1 })).toHaveText('导入客户满意度');
	await zh.screenshot({ path: `${SHOTS}/qa-csat-upload-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(zh);
	await zh.context().close();

	const agent = await signedIn(browser, OTHER.email, 'zh-CN');
	await expect(agent.getByTestId('nav-qa')).toHaveCount(0);
	await agent.goto(`${server.url}/qa`);
	await expect(agent.getByTestId('not-allowed')).toBeVisible();
	await agent.context().close();
});
