import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
	it('keeps a path of this app with its query', () => {
		expect(safeNextPath('/me/schedule/2026-12-07?x=1')).toBe('/me/schedule/2026-12-07?x=1');
	});
	it('refuses other origins and odd shapes', () => {
		for (const bad of [
			null,
			'',
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'javascript:alert(1)',
			'me'
		]) {
			expect(safeNextPath(bad)).toBeNull();
		}
	});
});
