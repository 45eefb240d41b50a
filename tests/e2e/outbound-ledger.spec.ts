// The outbound forms end to end, on a server of this file's own: one day
// (Monday 12 October 2026, away from the seed's demo week) of outbound calls
// sent through the ingest RPC as the dialer does, call log lines written by
// the callers themselves (log_lead_call), and a visit confirmed by lead4
// that became a deal; one customer is named like a formula. lead4 opens the
// team ledger in Chinese, drills into a caller's call-effect sheet,
// downloads it as XLSX and CSV (both read back cell by cell) and looks at
// the print view; the week across the center and the invitation register
// follow; a supervisor reads the register in English without the
// customers' names; a manager reads the ledger in English. Axe on each.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, demoAgent, demoLead, QUEUE, STAFF, TEAM } from '../support/demo';
import { signedInPage } from './signed-in';
import { WallServer } from './wall-support';

const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const DAY = '2026-10-12';
const FORMULA_NAME = '=HYPERLINK("http://example.invalid","点我")';
const LEAD = {
	zhang: '1ead0000-0000-4000-8000-0000000e2e01',
	formula: '1ead0000-0000-4000-8000-0000000e2e02',
	zhao: '1ead0000-0000-4000-8000-0000000e2e03'
};
const a31 = demoAgent(31);
const a32 = demoAgent(32);
const lead4 = demoLead(4);

let server: WallServer;

async function asService(path: string, method: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${server.url}/rest/v1/${path}`, {
		method,
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json',
			prefer: 'return=representation'
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} as service answered ${response.status}: ${text}`);
	return text ? JSON.parse(text) : null;
}

/** A call log line as the caller writes it after the call. */
async function logCall(email: string, body: Record<string, unknown>): Promise<void> {
	const response = await server.restAs(email, 'rpc/log_lead_call', { method: 'POST', body });
	if (!response.ok) throw new Error(`log_lead_call answered ${response.status}: ${await response.text()}`);
}

const at = (time: string) => `${DAY}T${time}+08:00`;
const dial = (
	id: string,
	call: string,
	agent: string,
	time: string,
	kind: 'call_dialed' | 'call_connected' = 'call_dialed'
) => ({
	event_id: `ledger-e2e-${id}`,
	kind,
	site_id: DEMO_SITE,
	at: at(time),
	call_id: `ledger-e2e-${call}`,
	queue_id: QUEUE.outbound,
	agent_id: agent
});
const connect = (id: string, call: string, agent: string, time: string) =>
	dial(id, call, agent, time, 'call_connected');

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	// agent31: three dials, two connected; agent32: one, connected.
	await server.ingest([
		dial('1', 'o1', a31.agentId, '09:00:00'),
		connect('2', 'o1', a31.agentId, '09:00:05'),
		dial('3', 'o2', a31.agentId, '09:10:00'),
		connect('4', 'o2', a31.agentId, '09:10:05'),
		dial('5', 'o3', a31.agentId, '09:20:00'),
		dial('6', 'p1', a32.agentId, '10:00:00'),
		connect('7', 'p1', a32.agentId, '10:00:05')
	]);
	await asService('leads', 'POST', [
		{
			id: LEAD.zhang,
			site_id: DEMO_SITE,
			owner_agent_id: a31.agentId,
			customer_name: '张三',
			phone: '13900001201',
			source: 'own_project',
			product_demand: '三居室'
		},
		{
			id: LEAD.formula,
			site_id: DEMO_SITE,
			owner_agent_id: a31.agentId,
			customer_name: FORMULA_NAME,
			phone: '13900001202',
			source: 'outreach',
			product_demand: null
		},
		{
			id: LEAD.zhao,
			site_id: DEMO_SITE,
			owner_agent_id: a32.agentId,
			customer_name: '赵六',
			phone: '13900001203',
			source: 'agency',
			product_demand: null
		}
	]);
	await logCall(a31.email, {
		lead_id: LEAD.zhang,
		connected: true,
		grade: 'A',
		product: 'high_rise',
		notes: '周末看房',
		called_at: at('09:01:00')
	});
	await logCall(a31.email, {
		lead_id: LEAD.formula,
		connected: true,
		grade: 'C',
		product: 'villa',
		notes: '-1+1',
		called_at: at('09:11:00')
	});
	await logCall(a32.email, {
		lead_id: LEAD.zhao,
		connected: true,
		grade: 'B',
		product: 'other',
		called_at: at('10:01:00')
	});
	// 张三 came at three (lead4 signed) and bought a high-rise unit.
	await asService('invitations', 'POST', {
		site_id: DEMO_SITE,
		agent_id: a31.agentId,
		lead_id: LEAD.zhang,
		appointment_at: at('15:00:00'),
		status: 'visited',
		visited_at: at('15:05:00'),
		confirmed_at: at('15:05:00'),
		confirmed_by: lead4.userId,
		deal_product: 'high_rise',
		deal_at: at('16:00:00'),
		deal_recorded_by: lead4.userId
	});
});

test.afterAll(async () => {
	await server?.dispose();
});

async function signedIn(browser: Browser, email: string, locale = 'zh-CN'): Promise<Page> {
	return signedInPage(browser, server.url, email, { viewport: DESK, locale, acceptDownloads: true });
}

/** The cells of a form table's row (by its data-key) as the page shows them. */
async function rowCells(page: Page, table: string, key: string): Promise<string[]> {
	return page
		.getByTestId(table)
		.locator(`tr[data-key="${key}"] td`)
		.evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
}

async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
	return { name: file.suggestedFilename(), path: await file.path() };
}

test('lead4 keeps the ledger, opens a caller’s sheet and takes it away as XLSX, CSV and paper', async ({ browser }) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, lead4.email);
	await page.goto(`${server.url}/outbound/ledger/${DAY}`);
	await expect(page.getByTestId('ledger-table')).toBeVisible();
	await expect(page.getByTestId('ledger-table').locator('th').nth(3)).toHaveText('拨打数');
	expect((await rowCells(page, 'ledger-table', 'E031')).slice(0, 2)).toEqual([DAY, 'E031']);
	expect((await rowCells(page, 'ledger-table', 'E031')).slice(3)).toEqual([
		'3',
		'2',
		'1',
		'0',
		'1',
		'0',
		'1',
		'1',
		'0',
		'1',
		'1',
		'0'
	]);
	expect((await rowCells(page, 'ledger-table', 'E032')).slice(3)).toEqual([
		'1',
		'1',
		'0',
		'1',
		'0',
		'0',
		'0',
		'0',
		'1',
		'0',
		'0',
		'0'
	]);
	const total = await rowCells(page, 'ledger-table', 'total');
	expect(total[2]).toBe('合计');
	expect(total.slice(3)).toEqual(['4', '3', '1', '1', '1', '0', '1', '1', '1', '1', '1', '0']);
	await page.screenshot({ path: `${SHOTS}/outbound-ledger-zh-CN-1280x720.png` });
	await expectNoAxeViolations(page);

	// The ledger as a file too: one sheet, the team's total last.
	const ledgerXlsx = await download(page, 'ledger-xlsx');
	expect(ledgerXlsx.name).toMatch(/^电开台帐-.*-2026-10-12\.xlsx$/);
	const [ledgerSheet] = await readXlsxFile(ledgerXlsx.path);
	const ledgerRows = ledgerSheet?.data ?? [];
	expect(ledgerRows[0]?.slice(0, 5)).toEqual(['日期', '工号', '电开人员', '拨打数', '接通数']);
	expect(ledgerRows.at(-1)).toEqual([DAY, null, '合计', 4, 3, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0]);

	// Drill down to agent31's sheet.
	await page.getByTestId('ledger-table').locator('tr[data-key="E031"] a').click();
	await expect(page).toHaveURL(new RegExp(`/outbound/ledger/sheet/${a31.agentId}/${DAY}$`));
	await expect(page.getByTestId('sheet-lines')).toBeVisible();
	expect((await rowCells(page, 'sheet-figures', 'day')).slice(0, 5)).toEqual([
		DAY,
		'E031',
		expect.any(String),
		'3',
		'2'
	]);
	expect(await rowCells(page, 'sheet-lines', LEAD.zhang)).toEqual([
		'1',
		'张三',
		'13900001201',
		'本项目来电来访',
		'A',
		'高层 · 三居室',
		'周末看房',
		'1',
		'1'
	]);
	expect((await rowCells(page, 'sheet-lines', LEAD.formula)).slice(0, 2)).toEqual(['2', FORMULA_NAME]);
	await page.screenshot({ path: `${SHOTS}/outbound-sheet-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);

	const xlsx = await download(page, 'ledger-xlsx');
	expect(xlsx.name).toBe(`电开效果管控表-E031-${DAY}.xlsx`);
	const sheets = await readXlsxFile(xlsx.path);
	expect(sheets.map((s) => s.sheet)).toEqual(['当日汇总', '客户明细']);
	const day = sheets[0]?.data ?? [];
	expect(day[0]).toEqual([
		'日期',
		'工号',
		'电开人员',
		'拨打数',
		'接通数',
		'A类客户',
		'B类客户',
		'C类客户',
		'D类客户',
		'高层需求',
		'别墅需求',
		'其他需求',
		'到访数',
		'高层成交',
		'别墅成交'
	]);
	expect(day[1]?.slice(3)).toEqual([3, 2, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0]);
	expect(day[1]?.slice(0, 2)).toEqual([DAY, 'E031']);
	const lines = sheets[1]?.data ?? [];
	expect(lines[0]).toEqual([
		'序号',
		'客户姓名',
		'联系电话',
		'客户来源',
		'客户等级',
		'产品需求',
		'备注',
		'拨打次数',
		'接通次数'
	]);
	expect(lines[1]).toEqual([1, '张三', '13900001201', '本项目来电来访', 'A', '高层 · 三居室', '周末看房', 1, 1]);
	expect(lines[2]).toEqual([2, FORMULA_NAME, '13900001202', '拓客', 'C', '别墅', '-1+1', 1, 1]);
	expect(lines).toHaveLength(3);

	const csv = await download(page, 'ledger-csv');
	expect(csv.name).toBe(`电开效果管控表-E031-${DAY}.csv`);
	const text = await readFile(csv.path, 'utf8');
	expect(text.startsWith('\uFEFF日期,工号,电开人员,拨打数,接通数')).toBe(true);
	const [dayBlock, linesBlock] = text.slice(1).trimEnd().split('\r\n\r\n');
	expect(dayBlock?.split('\r\n')[1]).toMatch(new RegExp(`^${DAY},E031,[^,]+,3,2,1,0,1,0,1,1,0,1,1,0$`));
	expect(linesBlock?.split('\r\n')).toEqual([
		'序号,客户姓名,联系电话,客户来源,客户等级,产品需求,备注,拨打次数,接通次数',
		'1,张三,13900001201,本项目来电来访,A,高层 · 三居室,周末看房,1,1',
		`2,"'=HYPERLINK(""http://example.invalid"",""点我"")",13900001202,拓客,C,别墅,'-1+1,1,1`
	]);

	// On paper: the form alone, no menus, no buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('top-bar')).toBeHidden();
	await expect(page.getByTestId('ledger-csv')).toBeHidden();
	await expect(page.getByTestId('sheet-lines')).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/outbound-sheet-print-zh-CN.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });
});

test('lead4 reads the week across the center and the invitation register', async ({ browser }) => {
	test.setTimeout(90_000);
	const page = await signedIn(browser, lead4.email);
	await page.goto(`${server.url}/outbound/ledger/${DAY}`);
	await page.getByTestId('ledger-view-week').click();
	await expect(page.getByTestId('week-table')).toBeVisible();
	const center = await rowCells(page, 'week-table', 'center-week');
	expect(center.slice(0, 6)).toEqual(['全中心', '本周合计', '2', '4', '3', '1']);
	expect((await rowCells(page, 'week-table', `${TEAM.outbound}-${DAY}`)).slice(1, 5)).toEqual([DAY, '2', '4', '3']);
	await page.screenshot({ path: `${SHOTS}/outbound-week-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${SHOTS}/outbound-week-print-zh-CN.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	await page.goto(`${server.url}/outbound/register?team=${TEAM.outbound}&from=${DAY}&to=${DAY}`);
	await expect(page.getByTestId('register-table')).toBeVisible();
	const row = await page.getByTestId('register-table').locator('tbody tr td').allTextContents();
	expect(row.map((c) => c.trim())).toEqual([
		'1',
		expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
		'张三',
		'13900001201',
		'本项目来电来访',
		'高层 · 三居室',
		`${DAY} 15:00`,
		expect.any(String),
		'已到访',
		expect.any(String),
		`${DAY} 15:05`,
		'高层'
	]);
	await expect(page.getByTestId('register-hidden')).toHaveCount(0);
	await page.screenshot({ path: `${SHOTS}/outbound-register-zh-CN-1280x720.png` });
	await expectNoAxeViolations(page);
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${SHOTS}/outbound-register-print-zh-CN.png`, fullPage: true });
});

test('in English: the supervisor keeps the register without customer names, the manager reads the ledger', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const supervisor = await signedIn(browser, STAFF.supervisor.email, 'en-US');
	await supervisor.goto(`${server.url}/outbound/register?team=${TEAM.outbound}&from=${DAY}&to=${DAY}`);
	await expect(supervisor.getByTestId('register-table')).toBeVisible();
	await expect(supervisor.getByTestId('register-hidden')).toBeVisible();
	const cells = (await supervisor.getByTestId('register-table').locator('tbody tr td').allTextContents()).map((c) =>
		c.trim()
	);
	expect(cells.slice(2, 5)).toEqual(['—', '—', '—']);
	expect(cells[8]).toBe('Visited');
	expect(cells.join(' ')).not.toContain('张三');
	await supervisor.screenshot({ path: `${SHOTS}/outbound-register-en-US-1280x720.png` });
	await expectNoAxeViolations(supervisor);

	const manager = await signedIn(browser, STAFF.manager.email, 'en-US');
	await manager.goto(`${server.url}/outbound/ledger/${DAY}`);
	await expect(manager.getByTestId('ledger-table').locator('th').nth(3)).toHaveText('Calls made');
	expect((await rowCells(manager, 'ledger-table', 'total'))[2]).toBe('Total');
	await manager.screenshot({ path: `${SHOTS}/outbound-ledger-en-US-1280x720.png` });
	await expectNoAxeViolations(manager);
	await manager.getByTestId('ledger-table').locator('tr[data-key="E032"] a').click();
	await expect(manager.getByTestId('sheet-lines')).toBeVisible();
	await expect(manager.getByTestId('sheet-lines')).toContainText('赵六');
	await expectNoAxeViolations(manager);
});

test('agent31 reads their own sheet on the phone, with their customers', async ({ browser }) => {
	test.setTimeout(60_000);
	const page = await signedInPage(browser, server.url, a31.email, {
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN'
	});
	// The caller's desk links their own sheet of today.
	await page.goto(`${server.url}/me/calls`);
	await expect(page.getByTestId('my-sheet-link')).toHaveAttribute(
		'href',
		new RegExp(`/outbound/ledger/sheet/${a31.agentId}/\\d{4}-\\d{2}-\\d{2}$`)
	);
	await page.goto(`${server.url}/outbound/ledger/sheet/${a31.agentId}/${DAY}`);
	await expect(page.getByTestId('sheet-lines')).toContainText('张三');
	// On the phone the day's figures are a list, not the form's fifteen columns.
	await expect(page.getByTestId('sheet-figures')).toBeHidden();
	await expect(page.getByTestId('sheet-figure-list').locator('div').nth(3)).toHaveText(/拨打数\s*3/);
	await expect(page.getByTestId('sheet-figure-list').locator('div').nth(4)).toHaveText(/接通数\s*2/);
	await page.screenshot({ path: `${SHOTS}/outbound-sheet-agent-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(page);
	// agent32 may read agent31's figures (the team's record), never their customers.
	const other = await signedInPage(browser, server.url, a32.email, {
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN'
	});
	await other.goto(`${server.url}/outbound/ledger/sheet/${a31.agentId}/${DAY}`);
	await expect(other.getByTestId('sheet-figure-list')).toBeVisible();
	await expect(other.getByTestId('sheet-lines')).toHaveCount(0);
	await expect(other.getByTestId('sheet-no-lines')).toHaveText('客户明细仅对电开人员本人、其组长和经理可见。');
});
