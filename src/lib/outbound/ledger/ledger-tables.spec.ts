// The forms' rows as export tables: column order of the paper forms, headers
// per language, numbers kept numbers, hidden customer fields left empty, and
// the files the attendance report's writers make of them read back.
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { toCsvSections } from '$lib/attendance/report/report-csv';
import { toXlsx } from '$lib/attendance/report/report-xlsx';
import type { CallEffectSheet, LedgerRow, RegisterRow, WeekRow } from '$lib/data/outbound-ledger';
import {
	demandText,
	fileName,
	ledgerTable,
	registerTable,
	sheetTables,
	siteDateTime,
	weekTable
} from './ledger-tables';

const ZERO = {
	dialed: 0,
	connected: 0,
	grade_a: 0,
	grade_b: 0,
	grade_c: 0,
	grade_d: 0,
	product_high_rise: 0,
	product_villa: 0,
	product_other: 0,
	visits: 0,
	deals_high_rise: 0,
	deals_villa: 0
};

const SHEET: CallEffectSheet = {
	figures: {
		...ZERO,
		employee_no: 'E031',
		agent_name: '周杰',
		team_id: 't4',
		team_name: '电开组',
		dialed: 4,
		connected: 3,
		grade_a: 1,
		grade_c: 1,
		grade_d: 1,
		product_high_rise: 1,
		product_villa: 1,
		visits: 1,
		deals_high_rise: 1
	},
	lines: [
		{
			lead_id: 'l1',
			customer_name: '张三',
			phone: '13800007501',
			source: 'own_project',
			grade: 'A',
			product: 'high_rise',
			product_demand: '三居室',
			notes: 'wants 3 rooms',
			calls: 2,
			connected: 2,
			first_called_at: '2026-11-30T01:01:00Z'
		},
		{
			lead_id: 'l3',
			customer_name: '=cmd|x',
			phone: '13800007503',
			source: 'agency',
			grade: null,
			product: null,
			product_demand: null,
			notes: null,
			calls: 1,
			connected: 0,
			first_called_at: '2026-11-30T01:21:00Z'
		}
	]
};

describe('sheetTables', () => {
	it('puts the day figures first, in the paper form order, with Chinese headers', () => {
		const [day, lines] = sheetTables(SHEET, '2026-11-30', 'zh-CN');
		expect(day.name).toBe('当日汇总');
		expect(day.columns.map((c) => c.header)).toEqual([
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
		expect(day.rows).toEqual([['2026-11-30', 'E031', '周杰', 4, 3, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0]]);
		expect(lines.columns.map((c) => c.header)).toEqual([
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
		expect(lines.rows[0]).toEqual([
			1,
			'张三',
			'13800007501',
			'本项目来电来访',
			'A',
			'高层 · 三居室',
			'wants 3 rooms',
			2,
			2
		]);
		expect(lines.rows[1]).toEqual([2, '=cmd|x', '13800007503', '中介数据', '未接通', null, null, 1, 0]);
		expect(lines.lastRowIsTotal).toBe(false);
	});
	it('speaks English under en', () => {
		const [day, lines] = sheetTables(SHEET, '2026-11-30', 'en');
		expect(day.columns.slice(0, 5).map((c) => c.header)).toEqual([
			'Date',
			'Employee no.',
			'Caller',
			'Calls made',
			'Connected'
		]);
		expect(lines.rows[1]?.[4]).toBe('Not reached');
	});
	it('makes one CSV with both blocks, a single BOM and formulas neutralised', () => {
		const csv = toCsvSections(sheetTables(SHEET, '2026-11-30', 'zh-CN'));
		expect(csv.startsWith('\uFEFF日期,工号,电开人员,拨打数')).toBe(true);
		expect(csv.match(/\uFEFF/g)).toHaveLength(1);
		const blocks = csv.slice(1).split('\r\n\r\n');
		expect(blocks).toHaveLength(2);
		expect(blocks[1]?.split('\r\n')[2]).toBe("2,'=cmd|x,13800007503,中介数据,未接通,,,1,0");
	});
	it('makes a workbook with the day sheet and the customers sheet', async () => {
		const [day, lines] = sheetTables(SHEET, '2026-11-30', 'zh-CN');
		const sheets = await readXlsxFile(await toXlsx(day, [lines]));
		expect(sheets.map((s) => s.sheet)).toEqual(['当日汇总', '客户明细']);
		expect(sheets[0]?.data[1]).toEqual(['2026-11-30', 'E031', '周杰', 4, 3, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0]);
		expect(sheets[1]?.data[2]?.slice(0, 2)).toEqual([2, '=cmd|x']);
	});
});

describe('ledgerTable', () => {
	const rows: LedgerRow[] = [
		{ ...ZERO, agent_id: 'a31', employee_no: 'E031', agent_name: '周杰', dialed: 4, connected: 3 },
		{ ...ZERO, agent_id: 'a32', employee_no: 'E032', agent_name: '王芳', dialed: 2, connected: 1 },
		{ ...ZERO, agent_id: null, employee_no: null, agent_name: null, dialed: 6, connected: 4 }
	];
	it('lists the callers and ends with the team total', () => {
		const t = ledgerTable(rows, '电开组', '2026-11-30', 'zh-CN');
		expect(t.name).toBe('电开组 2026-11-30');
		expect(t.rows.map((r) => r.slice(0, 5))).toEqual([
			['2026-11-30', 'E031', '周杰', 4, 3],
			['2026-11-30', 'E032', '王芳', 2, 1],
			['2026-11-30', null, '合计', 6, 4]
		]);
		expect(t.lastRowIsTotal).toBeUndefined();
	});
});

describe('weekTable', () => {
	it('names week rows and the center', () => {
		const rows: WeekRow[] = [
			{ ...ZERO, team_id: 't4', team_name: '电开组', day: '2026-11-30', callers: 2, dialed: 6 },
			{ ...ZERO, team_id: 't4', team_name: '电开组', day: null, callers: 2, dialed: 7 },
			{ ...ZERO, team_id: null, team_name: null, day: null, callers: 2, dialed: 7 }
		];
		expect(weekTable(rows, '2026-11-30', 'zh-CN').rows.map((r) => r.slice(0, 4))).toEqual([
			['电开组', '2026-11-30', 2, 6],
			['电开组', '本周合计', 2, 7],
			['全中心', '本周合计', 2, 7]
		]);
		expect(weekTable(rows, '2026-11-30', 'en').rows[2]?.slice(0, 2)).toEqual(['Whole center', 'Week']);
	});
});

describe('registerTable', () => {
	const base: RegisterRow = {
		invitation_id: 'i1',
		agent_id: 'a31',
		employee_no: 'E031',
		agent_name: '周杰',
		booked_on: '2026-11-28',
		appointment_at: '2026-11-30T06:00:00Z',
		customer_name: '张三',
		phone: '13800007501',
		source: 'outreach',
		product: 'villa',
		product_demand: null,
		notes: null,
		status: 'visited',
		visited_at: '2026-11-30T06:10:00Z',
		confirmed_by_name: '组长四',
		confirmed_at: '2026-11-30T06:10:00Z',
		deal_product: 'villa',
		deal_at: '2026-11-30T08:00:00Z'
	};
	it('writes the form columns with times on the site clock', () => {
		const t = registerTable([base], '登记表', 'Asia/Shanghai', 'zh-CN');
		expect(t.columns.map((c) => c.header)).toEqual([
			'序号',
			'登记日期',
			'客户姓名',
			'联系电话',
			'客户来源',
			'产品需求',
			'预约到访时间',
			'电开人员',
			'状态',
			'确认人',
			'确认时间',
			'成交'
		]);
		expect(t.rows[0]).toEqual([
			1,
			'2026-11-28',
			'张三',
			'13800007501',
			'拓客',
			'别墅',
			'2026-11-30 14:00',
			'周杰',
			'已到访',
			'组长四',
			'2026-11-30 14:10',
			'别墅'
		]);
	});
	it('leaves hidden customer fields empty', () => {
		const hidden: RegisterRow = { ...base, customer_name: null, phone: null, source: null, status: 'booked' };
		const row = registerTable([hidden], 'x', 'Asia/Shanghai', 'en').rows[0] ?? [];
		expect(row.slice(2, 6)).toEqual([null, null, null, 'Villa']);
		expect(row[8]).toBe('Booked');
	});
});

describe('helpers', () => {
	it('joins product and demand, whichever there are', () => {
		expect(demandText(null, ' 三居室 ', 'zh-CN')).toBe('三居室');
		expect(demandText('other', null, 'en')).toBe('Other');
		expect(demandText(null, '  ', 'en')).toBeNull();
	});
	it('reads instants on the site clock across midnight', () => {
		expect(siteDateTime('2026-11-30T16:00:10Z', 'Asia/Shanghai')).toBe('2026-12-01 00:00');
		expect(siteDateTime(null, 'Asia/Shanghai')).toBeNull();
	});
	it('makes file names a file system takes', () => {
		expect(fileName('电开台帐', '电开组 Outbound/1', '2026-11-30')).toBe('电开台帐-电开组_Outbound_1-2026-11-30');
	});
});
