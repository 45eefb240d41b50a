// Where to go after signing in: the page the person was sent away from, when
// it is a path of this app. Anything else (another origin, //host, a
// javascript: URL) is refused so the sign-in page cannot be used to redirect
// people elsewhere.
export function safeNextPath(value: string | null): string | null {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
	try {
		const url = new URL(value, 'http://callboard.invalid');
		return url.origin === 'http://callboard.invalid' ? url.pathname + url.search + url.hash : null;
	} catch {
		return null;
	}
}
