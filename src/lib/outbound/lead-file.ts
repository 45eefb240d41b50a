// A call list (电开资源) as team leads get it: a CSV or XLSX with a header
// row naming the customer, the phone number and perhaps the source, the
// product wanted and notes, in Chinese or English. The file is read with
// the attendance import's readers (encodings, XLSX); this finds the
// columns, reads each line into a lead and says what is wrong with a line
// before anything is sent. Duplicates inside the file are found here; those
// already at the site come from lead_phone_owners.
import { headerKey } from '$lib/attendance/import/columns';
import { splitCsv, type SourceRow } from '$lib/attendance/import/csv';
import { decodeText } from '$lib/attendance/import/decode';
import { readXlsxRows } from '$lib/attendance/import/xlsx';
import type { Enums } from '$lib/database.types';
import type { ProductKind } from './follow-up';

export type LeadSource = Enums<'lead_source'>;

/** Best converting first (DOMAIN.md): the order every source list shows. */
export const SOURCES: readonly LeadSource[] = [
	'own_project',
	'outreach',
	'customer_club',
	'agency',
	'sms_intercept',
	'other'
];

export type LeadField = 'customer_name' | 'phone' | 'source' | 'product' | 'notes';
export type LeadColumns = Record<LeadField, number | null>;

const HEADER_NAMES: Record<LeadField, readonly string[]> = {
	customer_name: [
		'客户姓名',
		'姓名',
		'客户名称',
		'客户名',
		'客户',
		'名字',
		'联系人',
		'customername',
		'customer',
		'name',
		'fullname',
		'contact'
	],
	phone: [
		'电话',
		'手机',
		'手机号',
		'手机号码',
		'电话号码',
		'联系电话',
		'联系方式',
		'phone',
		'mobile',
		'tel',
		'telephone',
		'phonenumber',
		'mobilephone'
	],
	source: ['来源', '客户来源', '资源来源', '数据来源', '渠道', 'source', 'leadsource', 'channel'],
	product: ['意向产品', '产品需求', '需求产品', '产品', '需求', '意向', 'product', 'productdemand', 'demand'],
	notes: ['备注', '说明', '客户备注', 'notes', 'note', 'remark', 'remarks', 'comment', 'comments']
};

/** Words a file may use for each source: our names, their Chinese, and the manual's descriptions. */
const SOURCE_WORDS: Record<LeadSource, readonly string[]> = {
	own_project: ['ownproject', '本项目', '项目来电来访', '来电来访', '来电', '来访', '老客户', '本案', '自有客户'],
	outreach: ['outreach', '拓客', '外拓', '拓客渠道'],
	customer_club: ['customerclub', 'club', '客户会', '会员', '俱乐部', '客户俱乐部'],
	agency: ['agency', 'agencydata', '中介', '中介数据', '数据公司', '购买数据', '第三方数据'],
	sms_intercept: ['smsintercept', 'sms', '短信拦截', '短信', '拦截'],
	other: ['other', 'others', '其他', '其它']
};

const PRODUCT_WORDS: Record<ProductKind, readonly string[]> = {
	high_rise: ['highrise', 'high', '高层', '高层住宅', '洋房', '公寓', 'h'],
	villa: ['villa', '别墅', '叠墅', '联排', 'v'],
	other: ['other', '其他', '其它', '商铺', '写字楼', 'o']
};

function wordOf<T extends string>(table: Record<T, readonly string[]>, cell: string): T | null {
	const key = headerKey(cell);
	if (key === '') return null;
	for (const [value, words] of Object.entries(table) as [T, readonly string[]][]) {
		if (words.includes(key) || headerKey(value) === key) return value;
	}
	return null;
}

export const sourceOf = (cell: string): LeadSource | null => wordOf(SOURCE_WORDS, cell);
export const productOf = (cell: string): ProductKind | null => wordOf(PRODUCT_WORDS, cell);

/** The columns a header row names (null for a field it does not name). */
export function leadColumns(header: readonly string[]): LeadColumns {
	const keys = header.map(headerKey);
	const taken = new Set<number>();
	const find = (field: LeadField): number | null => {
		for (const name of HEADER_NAMES[field]) {
			const at = keys.findIndex((k, i) => k === name && !taken.has(i));
			if (at >= 0) {
				taken.add(at);
				return at;
			}
		}
		return null;
	};
	return {
		customer_name: find('customer_name'),
		phone: find('phone'),
		source: find('source'),
		product: find('product'),
		notes: find('notes')
	};
}

/** The digits that identify a phone number, as app.phone_key (20261209100000) keeps them. */
export function phoneKey(phone: string): string {
	const digits = phone.replace(/[^0-9]/g, '');
	return /^861[0-9]{10}$/.test(digits) ? digits.slice(2) : digits;
}

/** leads_phone_is_a_phone_number (20261122120400). */
const PHONE = /^\+?[0-9][0-9 -]{4,24}$/;

export type LineProblem =
	'missing_name' | 'long_name' | 'bad_phone' | 'unknown_source' | 'unknown_product' | 'long_notes';

/** A row as import_leads takes it (a type, not an interface, so it is assignable to JSON). */
export type LeadRow = {
	customer_name: string;
	phone: string;
	source: LeadSource;
	product: ProductKind | null;
	notes: string | null;
};

export interface FileLine {
	/** The line (CSV) or row (XLSX) number in the file. */
	line: number;
	customer_name: string;
	phone: string;
	source: LeadSource | null;
	product: ProductKind | null;
	notes: string;
	problem: LineProblem | null;
	/** The file line with the same phone number earlier in the file. */
	duplicateOfLine: number | null;
}

export interface LeadFile {
	kind: 'csv' | 'xlsx';
	header: string[];
	columns: LeadColumns;
	lines: FileLine[];
}

export type LeadFileProblem = 'no_header' | 'no_rows';

/** The header: of the first ten rows, the first that names a customer column and a phone column. */
function headerIndex(rows: readonly SourceRow[]): number {
	for (let i = 0; i < Math.min(rows.length, 10); i++) {
		const columns = leadColumns(rows[i]?.cells ?? []);
		if (columns.customer_name !== null && columns.phone !== null) return i;
	}
	return -1;
}

/** One line read through the columns; `fileSource` is the source for lines (or files) that name none. */
export function readLine(row: SourceRow, columns: LeadColumns, fileSource: LeadSource | null): FileLine {
	const cell = (field: LeadField) => {
		const at = columns[field];
		return at === null ? '' : (row.cells[at] ?? '').trim();
	};
	const name = cell('customer_name');
	const phone = cell('phone');
	const sourceText = cell('source');
	const productText = cell('product');
	const notes = cell('notes');
	const source = sourceText === '' ? fileSource : sourceOf(sourceText);
	const product = productText === '' ? null : productOf(productText);
	let problem: LineProblem | null = null;
	if (name === '') problem = 'missing_name';
	else if ([...name].length > 100) problem = 'long_name';
	else if (!PHONE.test(phone)) problem = 'bad_phone';
	else if (source === null) problem = 'unknown_source';
	else if (productText !== '' && product === null) problem = 'unknown_product';
	else if ([...notes].length > 2000) problem = 'long_notes';
	return { line: row.line, customer_name: name, phone, source, product, notes, problem, duplicateOfLine: null };
}

/** The lines of a table under its header, each line's duplicate in the file marked. */
export function readLeadRows(
	kind: LeadFile['kind'],
	rows: readonly SourceRow[],
	fileSource: LeadSource | null
): LeadFile | LeadFileProblem {
	const at = headerIndex(rows);
	if (at < 0) return 'no_header';
	const header = (rows[at]?.cells ?? []).map((c) => c.trim());
	const columns = leadColumns(header);
	const lines = rows.slice(at + 1).map((row) => readLine(row, columns, fileSource));
	if (lines.length === 0) return 'no_rows';
	const firstLine = new Map<string, number>();
	for (const line of lines) {
		if (line.problem === 'bad_phone') continue;
		const key = phoneKey(line.phone);
		const earlier = firstLine.get(key);
		if (earlier === undefined) firstLine.set(key, line.line);
		else line.duplicateOfLine = earlier;
	}
	return { kind, header, columns, lines };
}

export interface RawTable {
	kind: LeadFile['kind'];
	rows: SourceRow[];
}

/** The rows of an uploaded file's bytes (CSV in any encoding the attendance import reads, or XLSX; the name is not trusted). */
export async function readTable(bytes: ArrayBuffer): Promise<RawTable> {
	const view = new Uint8Array(bytes);
	const zip = view[0] === 0x50 && view[1] === 0x4b && view[2] === 0x03 && view[3] === 0x04;
	if (zip) return { kind: 'xlsx', rows: await readXlsxRows(bytes) };
	return { kind: 'csv', rows: splitCsv(decodeText(view).text) };
}

/** The row import_leads takes for a line without a problem. */
export function leadRow(line: FileLine): LeadRow | null {
	if (line.problem !== null || line.source === null) return null;
	return {
		customer_name: line.customer_name,
		phone: line.phone,
		source: line.source,
		product: line.product,
		notes: line.notes === '' ? null : line.notes
	};
}
