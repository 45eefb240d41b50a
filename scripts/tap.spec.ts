import { describe, expect, it } from 'vitest';
import { parseTap } from './tap.ts';

describe('parseTap', () => {
	it('counts passes and failures and keeps diagnostics with their failure', () => {
		const r = parseTap(['1..3', 'ok 1 - a', 'not ok 2 - b', '# Failed test 2', '#   have: 1', 'ok 3 - c'].join('\n'));
		expect(r.passed).toBe(2);
		expect(r.failed).toEqual(['2 - b\n         # Failed test 2\n         #   have: 1']);
		expect(r.problems).toEqual([]);
	});

	it('reports a run that stopped before its plan', () => {
		expect(parseTap('1..5\nok 1 - a\n').problems).toEqual(['planned 5 tests but 1 ran']);
	});

	it('reports output without a plan', () => {
		expect(parseTap('').problems).toEqual(['no plan line: the file did not run to its plan']);
	});
});
