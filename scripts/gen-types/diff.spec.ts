import { describe, expect, test } from 'vitest';
import { diffLines, summarizeDiff } from './diff';

describe('diffLines', () => {
	test('marks removed and added lines between shared ones', () => {
		const lines = diffLines('a\nb\nc\nd', 'a\nc\nx\nd');
		expect(lines.map((l) => `${l.kind}${l.text}`)).toEqual([' a', '-b', ' c', '+x', ' d']);
	});

	test('equal texts have no changes', () => {
		expect(diffLines('a\nb', 'a\nb').every((l) => l.kind === ' ')).toBe(true);
	});
});

describe('summarizeDiff', () => {
	const committed = ['queues: {', '  Row: {', '    id: string', '    name: string', '  }', '}'].join('\n');

	test('counts changes and names the enclosing table', () => {
		const generated = committed.replace('name: string', 'name: string | null');
		expect(summarizeDiff(committed, generated)).toBe(
			[
				'1 line(s) added, 1 removed',
				'@@ committed line 4, in queues',
				'      id: string',
				'-     name: string',
				'+     name: string | null',
				'    }'
			].join('\n')
		);
	});

	test('stops after maxLines', () => {
		const many = Array.from({ length: 100 }, (_, i) => `line ${String(i)}`).join('\n');
		const summary = summarizeDiff('', many, 10).split('\n');
		expect(summary.length).toBeLessThanOrEqual(12);
		expect(summary.at(-1)).toBe('…');
	});
});
