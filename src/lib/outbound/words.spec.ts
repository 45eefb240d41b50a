import { describe, expect, it } from 'vitest';
import { errorReason } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { shortName } from './words';

describe('shortName', () => {
	it('keeps a short name and cuts a long one by characters, not bytes', () => {
		expect(shortName('张先生')).toBe('张先生');
		expect(shortName('欧'.repeat(100))).toBe(`${'欧'.repeat(12)}…`);
		expect(shortName('欧'.repeat(12))).toBe('欧'.repeat(12));
	});
});

describe('the outbound refusals in the user’s words', () => {
	it('maps each code of the outbound functions to its message', () => {
		expect(errorReason({ code: 'CB100', message: 'a connected call grades the lead' })).toBe(m.outb_err_call());
		expect(errorReason({ code: 'CB101', message: 'line 3: phone is not valid' })).toBe(m.outb_err_import());
		expect(errorReason({ code: 'CB102', message: 'already booked' })).toBe(m.outb_err_booking());
		expect(errorReason({ code: 'CB103', message: 'only a confirmed visit becomes a deal' })).toBe(m.outb_err_state());
		expect(errorReason({ code: 'CB104', message: 'rule' })).toBe(m.outb_err_rule());
		expect(errorReason({ code: 'CB140', message: 'size' })).toBe(m.outb_err_check());
	});
	it('leaves other codes to the general mapping', () => {
		expect(errorReason({ code: 'CB105', message: 'x' })).toBeUndefined();
		expect(errorReason({ code: 'toString', message: 'x' })).toBeUndefined();
	});
});
