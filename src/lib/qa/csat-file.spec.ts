import { describe, expect, it } from 'vitest';
import { splitCsv } from '$lib/attendance/import/csv';
import { csatRowsOf, readCsatFile } from './csat-file';

const rowsOf = (text: string) => csatRowsOf(splitCsv(text));

describe('csatRowsOf', () => {
	it('finds the columns by their header in any order, with line numbers', () => {
		expect(rowsOf('满意度,评价时间,通话ID\n5,2026-11-23 10:00,C-1\n\n3,,C-2\n')).toEqual({
			header: true,
			rows: [
				{ line: 2, call_id: 'C-1', score: '5', rated_at: '2026-11-23 10:00' },
				{ line: 4, call_id: 'C-2', score: '3' }
			]
		});
	});
	it('reads English headers', () => {
		expect(rowsOf('Call ID;CSAT\nC-9;4').rows).toEqual([{ line: 2, call_id: 'C-9', score: '4' }]);
	});
	it('takes call id, score, time in that order when there is no header', () => {
		expect(rowsOf('C-1,5\nC-2,x,yesterday\n')).toEqual({
			header: false,
			rows: [
				{ line: 1, call_id: 'C-1', score: '5' },
				{ line: 2, call_id: 'C-2', score: 'x', rated_at: 'yesterday' }
			]
		});
	});
	it('passes bad values on as written: the database judges them', () => {
		expect(rowsOf('call_id,score\n ,7\n').rows).toEqual([{ line: 2, call_id: '', score: '7' }]);
	});
});

describe('readCsatFile', () => {
	it('reads GBK text (Chinese survey tools write it)', async () => {
		// "通话ID,满意度\r\nC-1,5" in GBK
		const gbk = new Uint8Array([
			0xcd, 0xa8, 0xbb, 0xb0, 0x49, 0x44, 0x2c, 0xc2, 0xfa, 0xd2, 0xe2, 0xb6, 0xc8, 0x0d, 0x0a, 0x43, 0x2d, 0x31, 0x2c,
			0x35
		]);
		expect(await readCsatFile(gbk.buffer)).toEqual({ header: true, rows: [{ line: 2, call_id: 'C-1', score: '5' }] });
	});
});
