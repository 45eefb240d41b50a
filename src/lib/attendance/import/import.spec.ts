import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importChunks } from './chunks';
import { guessMapping, layoutOf, mappingProblem } from './columns';
import { splitCsv } from './csv';
import { decodeText } from './decode';
import { readPunches } from './punches';
import { readImportFile } from './read-file';
import { parseDateTime, parseState, parseTime } from './values';

// GBK bytes of the Chinese words the fixtures use (as Python's 'gbk' codec and
// a Windows-936 terminal PC write them), so the GBK file below is real GBK.
const GBK: Record<string, number[]> = {
	工号: [0xb9, 0xa4, 0xba, 0xc5],
	姓名: [0xd0, 0xd5, 0xc3, 0xfb],
	打卡时间: [0xb4, 0xf2, 0xbf, 0xa8, 0xca, 0xb1, 0xbc, 0xe4],
	状态: [0xd7, 0xb4, 0xcc, 0xac],
	张三: [0xd5, 0xc5, 0xc8, 0xfd],
	李四: [0xc0, 0xee, 0xcb, 0xc4],
	上班签到: [0xc9, 0xcf, 0xb0, 0xe0, 0xc7, 0xa9, 0xb5, 0xbd],
	下班签退: [0xcf, 0xc2, 0xb0, 0xe0, 0xc7, 0xa9, 0xcd, 0xcb]
};

/** `text` in GBK: ASCII as is, each Chinese word of GBK above by its bytes. */
function gbkBytes(text: string): Uint8Array {
	const out: number[] = [];
	const words = Object.keys(GBK).sort((a, b) => b.length - a.length);
	for (let i = 0; i < text.length;) {
		const word = words.find((w) => text.startsWith(w, i));
		if (word) {
			out.push(...(GBK[word] ?? []));
			i += word.length;
		} else {
			const code = text.charCodeAt(i);
			if (code > 0x7f) throw new Error(`no GBK bytes for ${text[i]}`);
			out.push(code);
			i++;
		}
	}
	return new Uint8Array(out);
}

function utf16le(text: string, bom: boolean): Uint8Array {
	const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
	const all = bom ? `\ufeff${text}` : text;
	for (let i = 0; i < all.length; i++) {
		const code = all.charCodeAt(i);
		bytes[i * 2] = code & 0xff;
		bytes[i * 2 + 1] = code >> 8;
	}
	return bytes;
}

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

const ZK = [
	'AC-No.,Name,Time,State',
	'1001,张三,2026/12/1 8:59:12,C/In',
	'1001,张三,2026/12/1 18:02,C/Out',
	'1002,李四,2026-12-01 09:07:00,Check In',
	',nobody,2026-12-01 09:00,C/In',
	'1003,王五,2026-13-01 09:00,C/In',
	'1003,王五,2026-12-01 09:01,Lunch',
	'1001,张三,2026/12/1 8:59:12,C/In',
	'1004,赵六,,C/In'
].join('\r\n');

describe('encodings', () => {
	const text = '工号,姓名,打卡时间,状态\r\n1001,张三,2026-12-01 08:59:12,上班签到\r\n';

	it('reads UTF-8 with and without a BOM', () => {
		const plain = new TextEncoder().encode(text);
		expect(decodeText(plain)).toEqual({ text, encoding: 'utf-8' });
		expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...plain]))).toEqual({ text, encoding: 'utf-8' });
	});

	it('reads UTF-16 little-endian with a BOM and without one', () => {
		expect(decodeText(utf16le(text, true))).toEqual({ text, encoding: 'utf-16le' });
		expect(decodeText(utf16le(text, false))).toEqual({ text, encoding: 'utf-16le' });
	});

	it('reads a GBK file as Chinese terminal software writes it', async () => {
		const bytes = gbkBytes(text + '1002,李四,2026-12-01 18:00:00,下班签退\r\n');
		// Not valid UTF-8: a UTF-8 reading would have garbled the names.
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const table = await readImportFile(buffer(bytes));
		expect(table.encoding).toBe('gbk');
		expect(table.header).toEqual(['工号', '姓名', '打卡时间', '状态']);
		const read = readPunches(table.rows, table.mapping);
		expect(read.problems).toEqual([]);
		expect(read.punches).toEqual([
			{ line: 2, employeeNo: '1001', name: '张三', localTime: '2026-12-01 08:59:12', direction: 'in' },
			{ line: 3, employeeNo: '1002', name: '李四', localTime: '2026-12-01 18:00:00', direction: 'out' }
		]);
	});
});

describe('CSV', () => {
	it('splits quoted cells, tabs and semicolons, and numbers records by the line they start on', () => {
		expect(splitCsv('a,"b ""x"", c",d\n\n"multi\nline",2\n')).toEqual([
			{ line: 1, cells: ['a', 'b "x", c', 'd'] },
			{ line: 3, cells: ['multi\nline', '2'] }
		]);
		expect(splitCsv('a\tb\r\nc\td').map((r) => r.cells)).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(splitCsv('a;b;c').map((r) => r.cells)).toEqual([['a', 'b', 'c']]);
	});
});

describe('layouts', () => {
	it('reads the AC-No./Name/Time/State layout, reporting each bad line with its number and reason', async () => {
		const table = await readImportFile(buffer(new TextEncoder().encode(ZK)));
		expect(table.mapping).toEqual({ employeeNo: 0, name: 1, dateTime: 2, date: null, time: null, state: 3 });
		expect(layoutOf(table.mapping)).toBe('ac_no_time_state');
		const read = readPunches(table.rows, table.mapping);
		expect(read.punches.map((p) => [p.line, p.employeeNo, p.localTime, p.direction])).toEqual([
			[2, '1001', '2026-12-01 08:59:12', 'in'],
			[3, '1001', '2026-12-01 18:02:00', 'out'],
			[4, '1002', '2026-12-01 09:07:00', 'in']
		]);
		expect(read.problems).toEqual([
			{ line: 5, reason: 'missing_employee_no', value: '' },
			{ line: 6, reason: 'bad_time', value: '2026-13-01 09:00' },
			{ line: 7, reason: 'unknown_state', value: 'Lunch' },
			{ line: 9, reason: 'missing_time', value: '' }
		]);
		expect(read.duplicates).toEqual([{ line: 8, sameAs: 2 }]);
	});

	it('reads the Employee ID/Name/Date/Time layout, a title line above the header and no state column', async () => {
		const csv = [
			'Attendance export 2026-12',
			'Employee ID,Name,Date,Time',
			'E-7,Ann Lee,2026-12-02,07:58',
			'E-7,Ann Lee,2026-12-02,5:31 PM',
			'E-8,Bo Chen,2026/12/31,24:10',
			'E-8,Bo Chen,02/12/2026,09:00'
		].join('\n');
		const table = await readImportFile(buffer(new TextEncoder().encode(csv)));
		expect(table.headerLine).toBe(2);
		expect(table.mapping).toEqual({ employeeNo: 0, name: 1, dateTime: null, date: 2, time: 3, state: null });
		expect(layoutOf(table.mapping)).toBe('id_date_time');
		const read = readPunches(table.rows, table.mapping);
		expect(read.punches.map((p) => [p.line, p.localTime, p.direction])).toEqual([
			[3, '2026-12-02 07:58:00', null],
			[4, '2026-12-02 17:31:00', null]
		]);
		expect(read.problems).toEqual([
			{ line: 5, reason: 'bad_time', value: '24:10' },
			// Day-first or month-first? Not guessed.
			{ line: 6, reason: 'bad_date', value: '02/12/2026' }
		]);
	});

	it('recognises Chinese headers with a separate date and time', () => {
		const m = guessMapping(['考勤号码', '姓名', '日期', '时间', '考勤状态']);
		expect(m).toEqual({ employeeNo: 0, name: 1, dateTime: null, date: 2, time: 3, state: 4 });
		expect(mappingProblem(m)).toBeUndefined();
		expect(mappingProblem(guessMapping(['姓名', '打卡时间']))).toBe('no_employee_no');
		expect(mappingProblem(guessMapping(['工号', '日期']))).toBe('no_time');
	});
});

describe('values', () => {
	it('reads year-first dates and times in the ways terminals write them', () => {
		expect(parseDateTime('2026/12/1 8:59:12')).toBe('2026-12-01 08:59:12');
		expect(parseDateTime('2026-12-01T08:59')).toBe('2026-12-01 08:59:00');
		expect(parseDateTime('2026年12月1日 下午1:05')).toBe('2026-12-01 13:05:00');
		expect(parseDateTime('2026.12.01 12:00:00 AM')).toBe('2026-12-01 00:00:00');
		expect(parseDateTime('20261201 083000')).toBeUndefined();
		expect(parseDateTime('2026-02-29 08:00')).toBeUndefined();
		expect(parseDateTime('2026-12-01T08:59:00Z')).toBeUndefined();
		expect(parseDateTime('2026-12-01')).toBeUndefined();
		expect(parseTime('13:00 PM')).toBeUndefined();
		expect(parseTime('08:60')).toBeUndefined();
	});

	it('knows ZKTeco states in English, as codes and in Chinese', () => {
		expect(['C/In', 'Check In', 'checkin', '0', 'OverTime In', '上班签到', '签到'].map(parseState)).toEqual(
			Array(7).fill('in')
		);
		expect(['C/Out', 'Check-Out', '1', 'Break Out', '下班签退', '签退', '外出'].map(parseState)).toEqual(
			Array(7).fill('out')
		);
		expect(parseState(' ')).toBeNull();
		expect(parseState('Lunch')).toBeUndefined();
	});
});

/** A minimal XLSX as Excel writes one: shared strings, a date-time style (numFmt 22), a blank row. */
function xlsxFile(sheetRows?: string): ArrayBuffer {
	const files: Record<string, string> = {
		'[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
		'_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>`,
		'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6"><si><t>工号</t></si><si><t>姓名</t></si><si><t>打卡时间</t></si><si><t>状态</t></si><si><t>张三</t></si><si><t>上班签到</t></si></sst>`,
		// Row 3 is blank; 46357.374 is 2026-12-01 08:58:33.6 (Excel serial, 1900 system), shown as 08:58:34.
		'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2"><c r="A2"><v>1001</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>46357.374</v></c><c r="D2" t="s"><v>5</v></c></row><row r="4"><c r="A4"><v>1001</v></c><c r="B4" t="s"><v>4</v></c><c r="C4" t="inlineStr"><is><t>not a time</t></is></c></row></sheetData></worksheet>`
	};
	if (sheetRows !== undefined) {
		files['xl/worksheets/sheet1.xml'] =
			`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`;
	}
	const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
	return buffer(zip);
}

describe('XLSX', () => {
	it('reads the first sheet: numbers as text, date cells as site-local wall-clock times, row numbers kept', async () => {
		const table = await readImportFile(xlsxFile());
		expect(table.kind).toBe('xlsx');
		expect(table.header).toEqual(['工号', '姓名', '打卡时间', '状态']);
		const read = readPunches(table.rows, table.mapping);
		expect(read.punches).toEqual([
			{ line: 2, employeeNo: '1001', name: '张三', localTime: '2026-12-01 08:58:34', direction: 'in' }
		]);
		expect(read.problems).toEqual([{ line: 4, reason: 'bad_time', value: 'not a time' }]);
	});

	it('reads a month-sized sheet (parts over 512 KB, which the reader would otherwise inflate in a worker)', async () => {
		const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
		let rows = `<row r="1">${inline('A1', 'AC-No.')}${inline('B1', 'Name')}${inline('C1', 'Time')}${inline('D1', 'State')}</row>`;
		for (let r = 2; r <= 12_001; r++) {
			const minute = String(r % 60).padStart(2, '0');
			rows += `<row r="${r}">${inline(`A${r}`, `E${r % 500}`)}${inline(`B${r}`, 'Agent')}${inline(`C${r}`, `2026-11-${String((r % 28) + 1).padStart(2, '0')} 08:${minute}:${minute}`)}${inline(`D${r}`, 'C/In')}</row>`;
		}
		const table = await readImportFile(xlsxFile(rows));
		expect(table.rows).toHaveLength(12_000);
		const read = readPunches(table.rows, table.mapping);
		expect(read.problems).toEqual([]);
		expect(read.punches.length + read.duplicates.length).toBe(12_000);
	});
});

describe('chunks', () => {
	it('sends each agent’s punches together, in file order, in chunks of a given size', () => {
		const punch = (line: number, employeeNo: string) => ({
			line,
			employeeNo,
			name: '',
			localTime: '2026-12-01 09:00:00',
			direction: null
		});
		const chunks = importChunks([punch(2, 'B'), punch(3, 'A'), punch(4, 'B'), punch(5, 'A'), punch(6, 'C')], 2);
		expect(chunks.map((c) => c.map((r) => `${r.employee_no}${r.line}`))).toEqual([['A3', 'A5'], ['B2', 'B4'], ['C6']]);
		expect(chunks[0]?.[0]).toEqual({ line: 3, employee_no: 'A', local_time: '2026-12-01 09:00:00', direction: null });
	});
});
