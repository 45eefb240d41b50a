// The workbook read back with another library (read-excel-file), so the
// test checks what a spreadsheet would see, not the writer's own idea of it.
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { FIXTURE } from './report-fixture';
import { summaryTable, teamTables } from './report-tables';
import { sheetName, toXlsx } from './report-xlsx';

async function readBack(locale: 'zh-CN' | 'en') {
	const blob = await toXlsx(summaryTable(FIXTURE, locale), teamTables(FIXTURE, locale));
	return readXlsxFile(blob);
}

describe('toXlsx', () => {
	it('writes a summary sheet, then one sheet per team', async () => {
		const sheets = await readBack('zh-CN');
		expect(sheets.map((s) => s.sheet)).toEqual(['汇总', '热线一组 Hotline A', '=HYPERLINK("x")']);
	});
	it('has Chinese headers in zh-CN and English ones in en', async () => {
		const [zh] = await readBack('zh-CN');
		const [en] = await readBack('en');
		expect(zh?.data[0]?.slice(0, 4)).toEqual(['团队', '人数', '应出勤天数', '出勤天数']);
		expect(en?.data[0]?.slice(0, 4)).toEqual(['Team', 'Agents', 'Scheduled days', 'Days present']);
	});
	it('keeps figures as numbers and text as text, formulas never run', async () => {
		const sheets = await readBack('en');
		const team = sheets[1]?.data ?? [];
		expect(team[1]?.slice(0, 5)).toEqual(['E001', '王伟', 21, 19, 2]);
		expect(team[2]?.slice(0, 2)).toEqual(['-E002', '=1+1']);
		expect(team[3]?.slice(0, 3)).toEqual([null, 'Total', 41]);
		const header = sheets[0]?.data[0] ?? [];
		const site = sheets[0]?.data[3] ?? [];
		expect(site[header.indexOf('Total deductions')]).toBe(140.5);
		expect(site[header.indexOf('Overtime hours (approved)')]).toBe(1.5);
	});
});

describe('sheetName', () => {
	it('drops characters Excel refuses, cuts to 31 and keeps names apart', () => {
		const taken = new Set<string>();
		expect(sheetName('A/B: [x]?*', taken)).toBe('A B   x');
		expect(sheetName('x'.repeat(40), taken)).toBe('x'.repeat(31));
		expect(sheetName('X'.repeat(40), taken)).toBe(`${'X'.repeat(27)} (2)`);
		expect(sheetName("'quoted'", taken)).toBe('quoted');
		expect(sheetName('', taken)).toBe('Sheet');
	});
});
