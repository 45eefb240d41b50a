// The Content-Security-Policy of the SPA. SvelteKit's static fallback page
// starts the app with one inline <script>; rather than allow every inline
// script ('unsafe-inline'), the policy names that script by its SHA-256, read
// from the built HTML itself, so a rebuild can never drift from the policy.
// (kit.csp would put the same hash in a <meta> tag, but a meta policy cannot
// carry frame-ancestors, and the API origin is known only at run time.)
//
// WebAssembly: the schedule solver (HiGHS, src/lib/staffing/highs.ts) compiles
// a .wasm file in a Web Worker, which script-src must allow with
// 'wasm-unsafe-eval' — that permits compiling WebAssembly only, not eval().
//
// Styles: components' CSS ships as files, and Svelte's style: directives
// write through the CSSOM (element.style), which CSP does not govern. What
// is left are style attributes written in markup — SvelteKit's own route
// announcer has one — and those are allowed one by one, by the hash of each
// value found in the built code ('unsafe-hashes' in style-src-attr), never
// as 'unsafe-inline'.
import { createHash } from 'node:crypto';
import { websocketOrigin } from './public-url.ts';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** A static style attribute in a compiled template: style="…" (or style=\"…\" inside a quoted string). */
const STYLE_ATTRIBUTE = /\sstyle=(?:"([^"\\]*)"|\\"([^"\\]*)\\")/g;

/** A CSP hash source for a script body or a style value. */
export const sha256Source = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** 'sha256-…' sources for every inline script (one without src) of an HTML document, in order. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
		if (/\bsrc\s*=/i.test(attributes)) continue;
		hashes.push(sha256Source(body));
	}
	return hashes;
}

/** The distinct values of static style attributes in built JavaScript (Svelte templates are HTML strings). */
export function styleAttributeValues(code: string): string[] {
	const values = new Set<string>();
	for (const [, plain, escaped] of code.matchAll(STYLE_ATTRIBUTE)) values.add(plain ?? escaped ?? '');
	return [...values];
}

export interface SpaPolicyOptions {
	/** From inlineScriptHashes() of the page served. */
	scriptHashes: readonly string[];
	/** Hashes of the style attribute values the built templates write (styleAttributeValues). */
	styleAttributeHashes: readonly string[];
	/** PUBLIC_URL: the API's origin when it is not simply this page's ('self'). */
	apiOrigin?: string;
}

export function spaContentSecurityPolicy({ scriptHashes, styleAttributeHashes, apiOrigin }: SpaPolicyOptions): string {
	// 'self' also matches ws: and wss: to this host (CSP Level 3), so the
	// same-origin realtime socket needs no entry of its own.
	const connect = apiOrigin ? ["'self'", apiOrigin, websocketOrigin(apiOrigin)] : ["'self'"];
	const directives: [string, ...string[]][] = [
		['default-src', "'self'"],
		['script-src', "'self'", "'wasm-unsafe-eval'", ...scriptHashes],
		['style-src', "'self'"],
		[
			'style-src-attr',
			...(styleAttributeHashes.length > 0 ? ["'unsafe-hashes'", ...styleAttributeHashes] : ["'none'"])
		],
		['img-src', "'self'"],
		['font-src', "'self'"],
		['connect-src', ...new Set(connect)],
		['object-src', "'none'"],
		['base-uri', "'none'"],
		['form-action', "'self'"],
		['frame-ancestors', "'none'"]
	];
	return directives.map((parts) => parts.join(' ')).join('; ');
}
