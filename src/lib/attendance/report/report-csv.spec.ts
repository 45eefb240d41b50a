import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './report-csv';
import { FIXTURE } from './report-fixture';
import { flatTable } from './report-tables';

describe('csvCell', () => {
	it('neutralises text a spreadsheet would run as a formula', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r']) {
			expect(csvCell(`${start}SUM(A1)`).replace(/^"/, '')).toMatch(/^'/);
		}
		expect(csvCell('=1+1')).toBe("'=1+1");
		expect(csvCell('@E003')).toBe("'@E003");
		expect(csvCell('\tx')).toBe("'\tx");
	});
	it('quotes text with commas, quotes, line breaks or edge spaces', () => {
		expect(csvCell('Li, "Lily"')).toBe('"Li, ""Lily"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(' padded')).toBe('" padded"');
		expect(csvCell('=a,b')).toBe(`"'=a,b"`);
	});
	it('leaves plain text, numbers and empty cells alone', () => {
		expect(csvCell('王伟')).toBe('王伟');
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(100.5)).toBe('100.5');
		expect(csvCell(null)).toBe('');
		expect(csvCell(Number.NaN)).toBe('');
	});
});

describe('toCsv', () => {
	it('starts with a byte-order mark and ends lines with CRLF', () => {
		const csv = toCsv(flatTable(FIXTURE, 'zh-CN'));
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toHaveLength(1 + 6 + 1);
	});
	it('has Chinese headers in zh-CN and English ones in en', () => {
		const zh = toCsv(flatTable(FIXTURE, 'zh-CN')).slice(1).split('\r\n')[0];
		const en = toCsv(flatTable(FIXTURE, 'en')).slice(1).split('\r\n')[0];
		expect(zh?.startsWith('团队,工号,姓名,应出勤天数,出勤天数,迟到次数,迟到分钟')).toBe(true);
		expect(zh).toContain('扣款合计');
		expect(en?.startsWith('Team,Employee no.,Name,Scheduled days,Days present,Late (times),Late (min)')).toBe(true);
		expect(en).toContain('Total deductions');
	});
	it('writes every agent, each team total and the site total, escaped', () => {
		const lines = toCsv(flatTable(FIXTURE, 'en')).slice(1).split('\r\n');
		expect(lines[1]?.startsWith('热线一组 Hotline A,E001,王伟,21,19,2,37,')).toBe(true);
		expect(lines[2]?.startsWith("热线一组 Hotline A,'-E002,'=1+1,20,20,")).toBe(true);
		expect(lines[3]?.startsWith('热线一组 Hotline A,,Total,41,39,')).toBe(true);
		expect(lines[4]?.startsWith(`"'=HYPERLINK(""x"")",'@E003,"Li, ""Lily""",5,`)).toBe(true);
		expect(lines[6]?.startsWith('All teams,,Total,46,39,')).toBe(true);
		expect(lines[6]?.endsWith(',140.5')).toBe(true);
	});
});
