// Terminal import end to end, on a server of this file's own: the
// supervisor uploads a ZKTeco-style CSV with a bad time, an unknown employee
// number and a repeated line; the mapping is guessed from the header; the
// preview names each bad line by number and reason and stores nothing; an
// all-or-nothing import is blocked; confirming the good lines stores them as
// terminal punches. A GBK-encoded export with Chinese headers reads in
// English too, and a lead is not offered the page. Axe and screenshots of
// each step.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { expectNoAxeViolations } from './axe';
import { demoAgent, demoLead, STAFF } from '../support/demo';
import { signedInPage } from './signed-in';
import { WallServer } from './wall-support';

const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

/** A Shanghai date `days` from today. */
function shanghaiDate(days: number): string {
	return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A new browser signed in as `email` (the session kept from the first sign-in). */
async function signedIn(browser: Browser, email: string, locale = 'zh-CN'): Promise<Page> {
	return signedInPage(browser, server.url, email, { viewport: DESK, locale });
}

/** The terminal punches of an agent on a Shanghai date, read through the API as the supervisor. */
async function terminalPunches(
	agentId: string,
	date: string
): Promise<{ punched_at: string; direction: string | null }[]> {
	const from = `${date}T00:00:00%2B08:00`;
	const to = `${date}T23:59:59%2B08:00`;
	const response = await server.restAs(
		STAFF.supervisor.email,
		`punches?select=punched_at,direction&agent_id=eq.${agentId}&source=eq.terminal&punched_at=gte.${from}&punched_at=lte.${to}&order=punched_at`,
		{ method: 'GET' }
	);
	expect(response.ok).toBe(true);
	return (await response.json()) as { punched_at: string; direction: string | null }[];
}

test('a terminal export with bad lines: preview, all-or-nothing refused, the good lines stored', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const day = shanghaiDate(-2);
	const slash = day.replaceAll('-', '/');
	const csv = [
		'AC-No.,Name,Time,State',
		`E001,王伟,${slash} 8:58:07,C/In`,
		`E001,王伟,${slash} 18:03,C/Out`,
		`E002,李芳,${slash} 9:12,上班签到`,
		`E002,李芳,${slash} 25:10,下班签退`,
		`E999,无此人,${slash} 9:00,C/In`,
		`E001,王伟,${slash} 8:58:07,C/In`
	].join('\r\n');

	// The seed's month already holds terminal punches on that day: the import adds to them.
	const agent1Before = await terminalPunches(demoAgent(1).agentId, day);
	const agent2Before = await terminalPunches(demoAgent(2).agentId, day);
	const page = await signedIn(browser, STAFF.supervisor.email);
	await page.goto(`${server.url}/attendance/import`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入考勤机打卡记录');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/import-1-upload-zh.png`, fullPage: true });

	await page.getByTestId('import-file').setInputFiles({
		name: 'ZK-门口-2026.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf8')
	});
	await expect(page.getByTestId('import-file-info')).toContainText('ZK-门口-2026.csv');
	await expect(page.getByTestId('import-layout')).toHaveText('格式：考勤号码/姓名/时间/状态');
	await expect(page.getByTestId('map-employeeNo')).toHaveValue('0');
	await expect(page.getByTestId('map-dateTime')).toHaveValue('2');
	await expect(page.getByTestId('map-state')).toHaveValue('3');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/import-2-mapping-zh.png`, fullPage: true });

	await page.getByTestId('import-check').click();
	await expect(page.getByTestId('sum-valid')).toHaveText('3');
	await expect(page.getByTestId('sum-bad')).toHaveText('2');
	await expect(page.getByTestId('sum-dup-file')).toHaveText('1');
	const bad = page.getByTestId('import-bad-lines');
	await expect(bad.getByRole('row').nth(1)).toContainText('5');
	await expect(bad.getByRole('row').nth(1)).toContainText('不是有效的日期时间');
	await expect(bad.getByRole('row').nth(2)).toContainText('6');
	await expect(bad.getByRole('row').nth(2)).toContainText('本站点没有该工号的员工');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/import-3-preview-zh.png`, fullPage: true });
	// The preview stored nothing.
	expect(await terminalPunches(demoAgent(1).agentId, day)).toEqual(agent1Before);

	await page.getByTestId('mode-all-or-nothing').check();
	await expect(page.getByTestId('import-blocked')).toBeVisible();
	await expect(page.getByTestId('import-confirm')).toBeDisabled();
	await page.getByRole('radio', { name: '只导入正确的行，跳过错误行' }).check();
	await expect(page.getByTestId('import-confirm')).toHaveText('导入 3 条打卡记录');
	await page.getByTestId('import-confirm').click();

	await expect(page.getByTestId('import-stored')).toHaveText('已导入 3 条打卡记录');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/import-4-done-zh.png`, fullPage: true });
	const byTime = (a: { punched_at: string }, b: { punched_at: string }) => a.punched_at.localeCompare(b.punched_at);
	expect(await terminalPunches(demoAgent(1).agentId, day)).toEqual(
		[
			...agent1Before,
			{ punched_at: `${day}T00:58:07+00:00`, direction: 'in' },
			{ punched_at: `${day}T10:03:00+00:00`, direction: 'out' }
		].sort(byTime)
	);
	expect(await terminalPunches(demoAgent(2).agentId, day)).toEqual(
		[...agent2Before, { punched_at: `${day}T01:12:00+00:00`, direction: 'in' }].sort(byTime)
	);

	// The same file again: everything is already stored.
	await page.getByRole('button', { name: '导入其他文件' }).click();
	await page
		.getByTestId('import-file')
		.setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await page.getByTestId('import-check').click();
	await expect(page.getByTestId('sum-dup-stored')).toHaveText('3');
	await expect(page.getByTestId('sum-valid')).toHaveText('0');
	await expect(page.getByTestId('import-confirm')).toBeDisabled();
	await page.context().close();
});

test('a GBK export with Chinese headers and a separate date and time, in English', async ({ browser }) => {
	const day = shanghaiDate(-3);
	// 工号,姓名,日期,时间 / E003,张三,<day>,08:31 in GBK, as a Chinese terminal's PC software writes it.
	const gbk = (text: string) => [...text].map((c) => c.charCodeAt(0));
	const bytes = Buffer.from([
		...[0xb9, 0xa4, 0xba, 0xc5], // 工号
		0x2c,
		...[0xd0, 0xd5, 0xc3, 0xfb], // 姓名
		0x2c,
		...[0xc8, 0xd5, 0xc6, 0xda], // 日期
		0x2c,
		...[0xca, 0xb1, 0xbc, 0xe4], // 时间
		0x0d,
		0x0a,
		...gbk('E003,'),
		...[0xd5, 0xc5, 0xc8, 0xfd], // 张三
		...gbk(`,${day},08:31\r\n`)
	]);
	const before = await terminalPunches(demoAgent(3).agentId, day);
	const page = await signedIn(browser, STAFF.manager.email, 'en');
	await page.goto(`${server.url}/attendance/import`);
	await page.getByTestId('import-file').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: bytes });
	await expect(page.getByTestId('import-encoding')).toHaveText('Text encoding: GBK');
	await expect(page.getByTestId('import-layout')).toHaveText('Layout: Employee ID/Name/Date/Time');
	await expect(page.getByRole('table')).toContainText('张三');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/import-2-mapping-en-gbk.png`, fullPage: true });
	await page.getByTestId('import-check').click();
	await expect(page.getByTestId('sum-valid')).toHaveText('1');
	await expect(page.getByTestId('import-no-bad')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/import-3-preview-en.png`, fullPage: true });
	await page.getByTestId('import-confirm').click();
	await expect(page.getByTestId('import-stored')).toHaveText('Punches stored: 1');
	expect(await terminalPunches(demoAgent(3).agentId, day)).toEqual(
		[...before, { punched_at: `${day}T00:31:00+00:00`, direction: null }].sort((a, b) =>
			a.punched_at.localeCompare(b.punched_at)
		)
	);
	await page.context().close();
});

/** An .xlsx as Excel writes it, one sheet of inline-string cells (rows of cells, the first the header). */
function xlsx(rows: string[][]): Buffer {
	const col = (i: number) => String.fromCharCode(65 + i);
	const cell = (r: number, i: number, text: string) => `<c r="${col(i)}${r}" t="inlineStr"><is><t>${text}</t></is></c>`;
	const sheet = rows
		.map((cells, r) => `<row r="${r + 1}">${cells.map((t, i) => cell(r + 1, i, t)).join('')}</row>`)
		.join('');
	const ns = 'http://schemas.openxmlformats.org';
	const files: Record<string, string> = {
		'[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		'_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="考勤记录" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${sheet}</sheetData></worksheet>`
	};
	return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));
}

test('a month-sized XLSX export is read in the browser and checked by the database', async ({ browser }) => {
	test.setTimeout(90_000);
	// 40 agents × 75 days × in and out: 6,000 rows, a sheet part well over the 512 KB that a reader would inflate in a worker.
	const rows: string[][] = [['工号', '姓名', '日期', '时间']];
	for (let d = 80; d > 5; d--) {
		const date = shanghaiDate(-d);
		for (let a = 1; a <= 40; a++) {
			const no = `E${String(a).padStart(3, '0')}`;
			rows.push([no, `员工${a}`, date, `08:${String(30 + (a % 29)).padStart(2, '0')}:17`]);
			rows.push([no, `员工${a}`, date, `18:${String(a % 59).padStart(2, '0')}:43`]);
		}
	}
	const page = await signedIn(browser, STAFF.supervisor.email);
	await page.goto(`${server.url}/attendance/import`);
	await page.getByTestId('import-file').setInputFiles({
		name: '考勤记录.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: xlsx(rows)
	});
	await expect(page.getByTestId('import-file-info')).toContainText('Excel（.xlsx） · 表头（第 1 行）下共 6000 行');
	await expect(page.getByTestId('import-layout')).toHaveText('格式：工号/姓名/日期/时间');
	await page.getByTestId('import-check').click();
	await expect(page.getByTestId('sum-bad')).toHaveText('0', { timeout: 60_000 });
	const valid = Number(await page.getByTestId('sum-valid').textContent());
	const stored = Number(await page.getByTestId('sum-dup-stored').textContent());
	expect(valid + stored).toBe(6000);
	await page.screenshot({ path: `${SHOTS}/import-3-preview-xlsx.png`, fullPage: true });
	await page.context().close();
});

test('a lead is told the import is for supervisors', async ({ browser }) => {
	const page = await signedIn(browser, demoLead(1).email);
	await page.goto(`${server.url}/attendance/import`);
	await expect(page.getByTestId('not-allowed')).toHaveText('只有本站点的主管、经理和管理员可以导入打卡记录。');
	await expect(page.getByTestId('import-file')).toHaveCount(0);
	await page.context().close();
});
