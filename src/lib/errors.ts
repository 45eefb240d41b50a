// The one error path of the browser app (STYLE.md item 10): an error nobody
// else shows is logged and told to the user in a toast; an abort (a request
// the app itself cancelled, a page left mid-load) is nobody's problem.
import { toasts } from './toasts.svelte';

/** An error's own words: Error and PostgREST/GoTrue error objects by their message, anything else as text. */
export function errorText(err: unknown): string {
	if (err instanceof Error) return err.message || err.name;
	if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') {
		return err.message;
	}
	if (typeof err === 'string') return err;
	try {
		return JSON.stringify(err) ?? String(err);
	} catch {
		return String(err);
	}
}

/** A cancelled fetch or stream: DOMException, Error or a plain object named AbortError. */
export function isAbortError(err: unknown): boolean {
	return typeof err === 'object' && err !== null && 'name' in err && err.name === 'AbortError';
}

/**
 * Logs `err` under `message` and shows both in a toast, unless it is an
 * abort. `message` says what failed in the user's language; the detail is
 * the error's own words.
 */
export function handleError(err: unknown, message: string): void {
	if (isAbortError(err)) return;
	console.error(`${message}:`, err);
	toasts.show(message, errorText(err));
}
