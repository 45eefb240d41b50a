// Response headers that make the browser refuse what the app never does:
// being framed (clickjacking a supervisor's settings page), guessing content
// types, leaking URLs in Referer, sharing a window with a cross-origin opener.

/** On every file of the SPA, with its Content-Security-Policy. */
export function spaSecurityHeaders(contentSecurityPolicy: string): Record<string, string> {
	return {
		'content-security-policy': contentSecurityPolicy,
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer',
		'cross-origin-opener-policy': 'same-origin',
		// Fullscreen and the screen wake lock (kiosk boards) stay allowed: not listed.
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
	};
}

/**
 * On API answers (JSON, never a page): nothing in them may run or be framed
 * if a browser is ever sent to one directly. CORS stays open: supabase-js on
 * another origin (a Supabase-style PUBLIC_URL) must still read them.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
	'x-frame-options': 'DENY',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer'
};
