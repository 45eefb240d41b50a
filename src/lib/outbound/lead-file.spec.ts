import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { splitCsv } from '$lib/attendance/import/csv';
import {
	leadColumns,
	leadRow,
	phoneKey,
	productOf,
	readLeadRows,
	readTable,
	sourceOf,
	type LeadFile
} from './lead-file';

const table = (text: string) => splitCsv(text);
const read = (text: string, fileSource: Parameters<typeof readLeadRows>[2] = null): LeadFile => {
	const file = readLeadRows('csv', table(text), fileSource);
	if (typeof file === 'string') throw new Error(file);
	return file;
};

describe('phoneKey (as app.phone_key)', () => {
	it('keeps the digits and drops China’s country code before a mobile number', () => {
		expect(phoneKey('138-0000-0001')).toBe('13800000001');
		expect(phoneKey('+86 138 0000 0001')).toBe('13800000001');
		expect(phoneKey('8613800000001')).toBe('13800000001');
		// A landline with 86 in front of fewer digits is left as it is.
		expect(phoneKey('86 22 1234 5678')).toBe('862212345678');
	});
});

describe('the columns of a call list', () => {
	it('finds Chinese and English headers in any order', () => {
		expect(leadColumns(['手机号码', '客户姓名', '客户来源', '意向产品', '备注'])).toEqual({
			customer_name: 1,
			phone: 0,
			source: 2,
			product: 3,
			notes: 4
		});
		expect(leadColumns(['Name', 'Phone', 'Notes'])).toEqual({
			customer_name: 0,
			phone: 1,
			source: null,
			product: null,
			notes: 2
		});
	});
	it('reads sources and products in either language', () => {
		expect(sourceOf('拓客')).toBe('outreach');
		expect(sourceOf('Customer club')).toBe('customer_club');
		expect(sourceOf('sms_intercept')).toBe('sms_intercept');
		expect(sourceOf('路人')).toBeNull();
		expect(productOf('别墅')).toBe('villa');
		expect(productOf('High-rise')).toBe('high_rise');
		expect(productOf('车位')).toBeNull();
	});
});

describe('reading the lines', () => {
	const csv = [
		'电开资源 12月第一周',
		'客户姓名,电话,来源,意向产品,备注',
		'张先生,138-0000-0001,中介,别墅,周末有空',
		'李女士,13900000002,,高层,',
		'王先生,+86 138 0000 0001,拓客,,重复的号码',
		',13900000003,拓客,,',
		'赵先生,12,拓客,,',
		'钱先生,13900000004,路人,,',
		'孙先生,13900000005,拓客,车位,'
	].join('\n');

	it('finds the header below a title, uses the file’s source for lines without one, and flags each problem', () => {
		const file = read(csv, 'own_project');
		expect(file.lines.map((l) => [l.line, l.source, l.problem])).toEqual([
			[3, 'agency', null],
			[4, 'own_project', null],
			[5, 'outreach', null],
			[6, 'outreach', 'missing_name'],
			[7, 'outreach', 'bad_phone'],
			[8, null, 'unknown_source'],
			[9, 'outreach', 'unknown_product']
		]);
	});
	it('marks a phone number that came earlier in the file, written another way', () => {
		const file = read(csv, 'own_project');
		expect(file.lines.find((l) => l.line === 5)?.duplicateOfLine).toBe(3);
		expect(file.lines.filter((l) => l.duplicateOfLine !== null)).toHaveLength(1);
	});
	it('without a source column or a source for the file, every line needs one', () => {
		const file = read('name,phone\nA,13900000001');
		expect(file.lines[0]?.problem).toBe('unknown_source');
		expect(leadRow(file.lines[0]!)).toBeNull();
	});
	it('checks lengths as the database does (100 for a name, 2000 for notes)', () => {
		const file = read(
			`name,phone,notes\n${'名'.repeat(100)},13900000001,${'注'.repeat(2000)}\n${'名'.repeat(101)},13900000002,\nB,13900000003,${'x'.repeat(2001)}`,
			'agency'
		);
		expect(file.lines.map((l) => l.problem)).toEqual([null, 'long_name', 'long_notes']);
		expect(leadRow(file.lines[0]!)).toEqual({
			customer_name: '名'.repeat(100),
			phone: '13900000001',
			source: 'agency',
			product: null,
			notes: '注'.repeat(2000)
		});
	});
	it('says when no header names a customer and a phone column, or no line follows it', () => {
		expect(readLeadRows('csv', table('a,b\n1,2'), 'agency')).toBe('no_header');
		expect(readLeadRows('csv', table('姓名,手机\n'), 'agency')).toBe('no_rows');
	});
});

describe('readTable', () => {
	it('reads an XLSX file by its bytes', async () => {
		const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>张先生</t></is></c><c r="B2"><v>13800000001</v></c></row>
</sheetData></worksheet>`;
		const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`;
		const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
		const zip = zipSync({
			'xl/workbook.xml': strToU8(workbook),
			'xl/_rels/workbook.xml.rels': strToU8(rels),
			'xl/worksheets/sheet1.xml': strToU8(sheet)
		});
		const raw = await readTable(zip.slice().buffer);
		expect(raw.kind).toBe('xlsx');
		const file = readLeadRows(raw.kind, raw.rows, 'agency');
		if (typeof file === 'string') throw new Error(file);
		expect(file.lines.map((l) => [l.customer_name, l.phone, l.problem])).toEqual([['张先生', '13800000001', null]]);
	});
	it('reads a GBK CSV', async () => {
		// "姓名,手机\n张三,13800000001" in GBK.
		const bytes = new Uint8Array([
			0xd0,
			0xd5,
			0xc3,
			0xfb,
			0x2c,
			0xca,
			0xd6,
			0xbb,
			0xfa,
			0x0a,
			0xd5,
			0xc5,
			0xc8,
			0xfd,
			0x2c,
			...strToU8('13800000001')
		]);
		const raw = await readTable(bytes.slice().buffer);
		expect(raw.rows.map((r) => r.cells)).toEqual([
			['姓名', '手机'],
			['张三', '13800000001']
		]);
	});
});
