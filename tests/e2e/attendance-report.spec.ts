// The monthly attendance report end to end, on a server of this file's own:
// a month of judged days written as the server would (March 2026, away from
// the seed's demo month) for three agents, one of them named like a formula.
// The manager reads the report in Chinese, downloads the XLSX and the CSV —
// both opened again here and read cell by cell (read-excel-file for the
// workbook) — then locks the month and unlocks it with a reason; a
// supervisor reads it in English and may not lock; a lead sees only their
// team. Axe and screenshots on each.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, demoAgent, demoLead, STAFF, TEAM } from '../support/demo';
import { signedInPage } from './signed-in';
import { WallServer } from './wall-support';

const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const MONTH = '2026-03';
const FORMULA_AGENT = 'ac000000-0000-4000-8000-0000000009e1';
const FORMULA_NAME = '=HYPERLINK("http://example.invalid","点我")';

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

interface Day {
	agent: string;
	date: string;
	status: string;
	late?: number;
	early?: number;
	overtime?: number;
	/** hh:mm of the last punch, when it was after the shift. */
	went?: string;
	tier?: string;
	deduction?: number;
}

/** Judged days as the engine leaves them (closed, the site's first policy). */
async function judgedDays(days: Day[]): Promise<void> {
	const policies = (await asService(
		`attendance_policies?select=id&site_id=eq.${DEMO_SITE}&order=effective_from&limit=1`,
		'GET'
	)) as { id: string }[];
	await asService(
		'attendance_days',
		'POST',
		days.map((d) => ({
			site_id: DEMO_SITE,
			agent_id: d.agent,
			work_date: d.date,
			shift_start: `${d.date}T09:00:00+08:00`,
			shift_end: `${d.date}T18:00:00+08:00`,
			first_in: d.status === 'absent' || d.status === 'leave' ? null : `${d.date}T08:58:00+08:00`,
			last_out: d.went ? `${d.date}T${d.went}:00+08:00` : null,
			late_min: d.late ?? 0,
			early_min: d.early ?? 0,
			overtime_min: d.overtime ?? 0,
			status: d.status,
			tier: d.tier ?? null,
			deduction: d.deduction ?? 0,
			policy_id: policies[0]?.id,
			closed_at: `${d.date}T19:00:00+08:00`
		}))
	);
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	const a1 = demoAgent(1).agentId;
	const a11 = demoAgent(11).agentId;
	await asService('agents', 'POST', {
		id: FORMULA_AGENT,
		site_id: DEMO_SITE,
		team_id: TEAM.hotlineA,
		display_name: FORMULA_NAME,
		employee_no: '=E999'
	});
	// 60 of agent01's 90 overtime minutes on 2 March were approved.
	await asService('attendance_requests', 'POST', {
		site_id: DEMO_SITE,
		agent_id: a1,
		kind: 'overtime',
		starts_at: '2026-03-02T18:00:00+08:00',
		ends_at: '2026-03-02T19:00:00+08:00',
		status: 'approved'
	});
	// agent11's leave on 3 March: sick.
	await asService('attendance_requests', 'POST', {
		site_id: DEMO_SITE,
		agent_id: a11,
		kind: 'leave',
		leave_type: 'sick',
		starts_at: '2026-03-03T09:00:00+08:00',
		ends_at: '2026-03-03T18:00:00+08:00',
		status: 'approved'
	});
	// The requests first (the engine may judge the days they touch), then whatever the
	// engine made of March goes: the figures are these.
	await asService(
		`attendance_days?site_id=eq.${DEMO_SITE}&work_date=gte.2026-03-01&work_date=lte.2026-03-31`,
		'DELETE'
	);
	await judgedDays([
		{ agent: a1, date: '2026-03-02', status: 'present', overtime: 90, went: '19:30' },
		{ agent: a1, date: '2026-03-03', status: 'late', late: 12, tier: 'late', deduction: 20 },
		{ agent: a1, date: '2026-03-04', status: 'late', late: 25, tier: 'late', deduction: 20 },
		{ agent: a1, date: '2026-03-05', status: 'early_leave', early: 15, tier: 'early', deduction: 15 },
		{ agent: a1, date: '2026-03-06', status: 'absent', tier: 'absent', deduction: 100 },
		{ agent: a11, date: '2026-03-02', status: 'missing_punch', tier: 'missing_punch', deduction: 10 },
		{ agent: a11, date: '2026-03-03', status: 'leave' },
		{ agent: FORMULA_AGENT, date: '2026-03-02', status: 'half_day', late: 45, tier: 'half_day', deduction: 50.5 }
	]);
});

test.afterAll(async () => {
	await server?.dispose();
});

/** A new browser signed in as `email` (the session kept from the first sign-in). */
async function signedIn(browser: Browser, email: string, locale = 'zh-CN'): Promise<Page> {
	return signedInPage(browser, server.url, email, { viewport: DESK, locale, acceptDownloads: true });
}

async function openReport(page: Page): Promise<void> {
	await page.goto(`${server.url}/attendance/report/${MONTH}`);
	await expect(page.getByTestId('report-summary')).toBeVisible();
}

/** The cells of a table row as the page shows them, keyed by column id. */
async function rowFigures(page: Page, employeeNo: string): Promise<Record<string, string>> {
	const cells = page.locator(`tr[data-employee-no="${employeeNo}"] td[data-column]`);
	const pairs = await cells.evaluateAll((tds) =>
		tds.map((td): [string, string] => [td.getAttribute('data-column') ?? '', td.textContent?.trim() ?? ''])
	);
	return Object.fromEntries(pairs);
}

async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
	const path = await file.path();
	return { name: file.suggestedFilename(), path };
}

test('the manager reads the month in Chinese and downloads it as XLSX and CSV', async ({ browser }) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, STAFF.manager.email);
	await openReport(page);
	await expect(page.getByTestId('report-month')).toHaveText('2026年3月');
	await expect(page.getByTestId('report-team')).toHaveCount(4);

	const e001 = await rowFigures(page, 'E001');
	expect(e001).toMatchObject({
		present_days: '4',
		late_count: '2',
		late_min: '37',
		early_count: '1',
		early_min: '15',
		absent_days: '1',
		overtime_hours: '1',
		deduction_late: '40.00',
		deduction_total: '155.00'
	});
	expect(await rowFigures(page, 'E011')).toMatchObject({ missing_punches: '1', leave_days: '1', leave_sick: '1' });
	await expect(page.locator('tr[data-employee-no="=E999"] th')).toContainText(FORMULA_NAME);
	await page.screenshot({ path: `${SHOTS}/attendance-report-zh-CN-1280x720.png`, fullPage: false });
	await page.screenshot({ path: `${SHOTS}/attendance-report-full-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);

	// The workbook: a summary, then one sheet per team, Chinese headers, numbers as numbers, text as text.
	const xlsx = await download(page, 'report-xlsx');
	expect(xlsx.name).toBe('考勤月报-2026-03.xlsx');
	const sheets = await readXlsxFile(xlsx.path);
	// Teams in the order of their names' characters (byte order: 客 < 热 < 电).
	expect(sheets.map((s) => s.sheet)).toEqual([
		'汇总',
		'客服组 Customer Service',
		'热线一组 Hotline A',
		'热线二组 Hotline B',
		'电开组 Outbound'
	]);
	const summary = sheets[0]?.data ?? [];
	const summaryHeader = summary[0] ?? [];
	expect(summaryHeader.slice(0, 5)).toEqual(['团队', '人数', '应出勤天数', '出勤天数', '迟到次数']);
	expect(summaryHeader).toContain('病假（天）');
	expect(summaryHeader).toContain('扣款合计');
	const total = (row: readonly unknown[] | undefined, header: string) => row?.[summaryHeader.indexOf(header)];
	const hotlineA = summary.find((r) => r[0] === '热线一组 Hotline A');
	expect(hotlineA?.[1]).toBe(11);
	expect(total(hotlineA, '迟到分钟')).toBe(37);
	expect(total(hotlineA, '半天缺勤扣款')).toBe(50.5);
	expect(total(hotlineA, '扣款合计')).toBe(205.5);
	const all = summary.at(-1);
	expect(all?.[0]).toBe('全部团队');
	expect(total(all, '扣款合计')).toBe(215.5);
	expect(total(all, '加班小时（已批准）')).toBe(1);

	const teamA = sheets.find((s) => s.sheet === '热线一组 Hotline A')?.data ?? [];
	const header = teamA[0] ?? [];
	expect(header.slice(0, 4)).toEqual(['工号', '姓名', '应出勤天数', '出勤天数']);
	const e001Row = teamA.find((r) => r[0] === 'E001') ?? [];
	expect(e001Row[header.indexOf('迟到次数')]).toBe(2);
	expect(e001Row[header.indexOf('早退分钟')]).toBe(15);
	expect(e001Row[header.indexOf('旷工天数')]).toBe(1);
	expect(e001Row[header.indexOf('扣款合计')]).toBe(155);
	const formulaRow = teamA.find((r) => r[0] === '=E999') ?? [];
	expect(formulaRow[1]).toBe(FORMULA_NAME);
	expect(teamA.at(-1)?.slice(0, 2)).toEqual([null, '合计']);

	// The CSV: a BOM, Chinese headers, the formula-like cells neutralised.
	const csv = await download(page, 'report-csv');
	expect(csv.name).toBe('考勤月报-2026-03.csv');
	const text = await readFile(csv.path, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).split('\r\n');
	expect(lines[0]?.startsWith('团队,工号,姓名,应出勤天数,出勤天数,迟到次数,迟到分钟')).toBe(true);
	expect(lines.find((l) => l.includes(',E001,'))?.startsWith('热线一组 Hotline A,E001,')).toBe(true);
	expect(
		lines.some((l) => l.startsWith(`热线一组 Hotline A,'=E999,"'=HYPERLINK(""http://example.invalid"",""点我"")"`))
	).toBe(true);
	await page.context().close();
});

test('the manager locks the month, and unlocks it with a reason', async ({ browser }) => {
	test.setTimeout(90_000);
	const page = await signedIn(browser, STAFF.manager.email);
	await openReport(page);
	const state = page.getByTestId('report-lock-state');
	await expect(state).toHaveAttribute('data-locked', 'false');
	await page.getByTestId('report-lock-month').click();
	await expect(state).toHaveAttribute('data-locked', 'true');
	await expect(state).toContainText('只有经理可以修改');
	const locks = (await asService(
		`attendance_month_locks?site_id=eq.${DEMO_SITE}&month=eq.${MONTH}-01`,
		'GET'
	)) as unknown[];
	expect(locks).toHaveLength(1);
	await page.screenshot({ path: `${SHOTS}/attendance-report-locked-zh-CN-1280x720.png` });
	await expectNoAxeViolations(page);

	await page.getByTestId('report-unlock').click();
	await expect(page.getByTestId('report-unlock-confirm')).toBeDisabled();
	await page.getByTestId('report-unlock-reason').fill('补录 3 月 6 日的外出申请');
	await page.screenshot({ path: `${SHOTS}/attendance-report-unlocking-zh-CN-1280x720.png` });
	await page.getByTestId('report-unlock-confirm').click();
	await expect(state).toHaveAttribute('data-locked', 'false');
	const audit = (await asService(
		`attendance_corrections?site_id=eq.${DEMO_SITE}&work_date=eq.${MONTH}-01&action=in.(month_locked,month_unlocked)&order=made_at`,
		'GET'
	)) as { action: string; reason: string; made_by: string }[];
	expect(audit.map((a) => a.action)).toEqual(['month_locked', 'month_unlocked']);
	expect(audit[1]?.reason).toBe('补录 3 月 6 日的外出申请');
	expect(audit[1]?.made_by).toBe(STAFF.manager.userId);
	await page.context().close();
});

test('a supervisor reads it in English and may not lock; a lead sees only their team', async ({ browser }) => {
	test.setTimeout(90_000);
	const page = await signedIn(browser, STAFF.supervisor.email, 'en');
	await openReport(page);
	await expect(page.getByTestId('report-month')).toHaveText('March 2026');
	await expect(page.getByTestId('report-lock-month')).toHaveCount(0);
	await expect(page.getByTestId('report-summary').locator('thead')).toContainText('Scheduled days');
	await page.getByTestId('report-team').first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: `${SHOTS}/attendance-report-en-1280x720.png` });
	await expectNoAxeViolations(page);
	const xlsx = await download(page, 'report-xlsx');
	expect(xlsx.name).toBe('attendance-report-2026-03.xlsx');
	const sheets = await readXlsxFile(xlsx.path);
	expect(sheets[0]?.sheet).toBe('Summary');
	expect(sheets[0]?.data[0]?.slice(0, 3)).toEqual(['Team', 'Agents', 'Scheduled days']);
	// One team picked: the page and the file hold only it.
	await page.getByTestId('report-team').first().waitFor();
	await page.getByTestId('report-team-select').selectOption({ label: '热线二组 Hotline B' });
	await expect(page.getByTestId('report-team')).toHaveCount(1);
	await expect(page.getByTestId('report-summary')).toHaveCount(0);
	const one = await readXlsxFile((await download(page, 'report-xlsx')).path);
	expect(one.map((s) => s.sheet)).toEqual(['Summary', '热线二组 Hotline B']);
	await page.context().close();

	const lead = await signedIn(browser, demoLead(1).email);
	await lead.goto(`${server.url}/attendance/report/${MONTH}`);
	await expect(lead.getByTestId('report-team')).toHaveCount(1);
	await expect(lead.getByTestId('report-team')).toHaveAttribute('data-team', '热线一组 Hotline A');
	await expect(lead.getByTestId('report-team-select')).toHaveCount(0);
	await expect(lead.getByTestId('report-lock-month')).toHaveCount(0);
	await lead.screenshot({ path: `${SHOTS}/attendance-report-lead-zh-CN-1280x720.png` });
	await expectNoAxeViolations(lead);
	await lead.context().close();
});
