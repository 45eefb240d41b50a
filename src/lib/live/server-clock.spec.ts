import { describe, expect, it } from 'vitest';
import { clockOffset } from './server-clock';

describe('clockOffset', () => {
	it('measures the server clock against the midpoint of the request', () => {
		// sent at 1000, answered at 1200: the server read its clock at local 1100
		expect(clockOffset(1_000, 61_100, 1_200)).toBe(60_000);
		expect(clockOffset(1_000, 1_100, 1_200)).toBe(0);
		expect(clockOffset(5_000, 2_050, 5_100)).toBe(-3_000);
	});
});
