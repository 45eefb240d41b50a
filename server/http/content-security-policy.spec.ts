import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, spaContentSecurityPolicy, styleAttributeValues } from './content-security-policy.ts';

describe('inlineScriptHashes', () => {
	it('hashes each inline script body exactly and skips scripts with src', () => {
		const html =
			'<script src="/a.js"></script><script type="module">window.started = true;</script>' +
			'<SCRIPT>window.started = 2;</SCRIPT >';
		expect(inlineScriptHashes(html)).toEqual([
			"'sha256-zoVSi18jtsR7IKR3l6ObXCdaKf30QeIkXK8uzVa0DqY='",
			"'sha256-RLCBeTObVw6TpY9wQpDMsvTGi/Qr/gMiSfhtD/oBEqY='"
		]);
		expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
	});
});

describe('styleAttributeValues', () => {
	it('finds static style attributes in compiled templates, in template literals and quoted strings', () => {
		const code =
			'const a = x(`<div id="svelte-announcer" style="position: absolute; left: 0"><!></div>`);' +
			'const b = "<p style=\\"display: none\\"></p>"; const c = `<i style="position: absolute; left: 0"></i>`;' +
			'el.style.cssText = v;';
		expect(styleAttributeValues(code)).toEqual(['position: absolute; left: 0', 'display: none']);
	});
});

describe('spaContentSecurityPolicy', () => {
	it('allows only this origin, the hashed inline script and the hashed style attributes', () => {
		expect(
			spaContentSecurityPolicy({
				scriptHashes: ["'sha256-s'"],
				styleAttributeHashes: ["'sha256-a'", "'sha256-b'"]
			})
		).toBe(
			"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-s'; style-src 'self'; " +
				"style-src-attr 'unsafe-hashes' 'sha256-a' 'sha256-b'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
				"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
		);
	});

	it('adds a configured API origin and its WebSocket origin to connect-src, and forbids style attributes when there are none', () => {
		const policy = spaContentSecurityPolicy({
			scriptHashes: [],
			styleAttributeHashes: [],
			apiOrigin: 'http://10.0.0.5:8080'
		});
		expect(policy).toContain("connect-src 'self' http://10.0.0.5:8080 ws://10.0.0.5:8080;");
		expect(policy).toContain("style-src-attr 'none';");
		expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
	});
});
