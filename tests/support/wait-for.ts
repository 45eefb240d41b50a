// Polling for what arrives asynchronously (broadcasts, presence, closes).

/** Resolves when pred() holds, polling every 10 ms; rejects after timeoutMs, naming what it waited for. */
export async function waitFor(pred: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pred()) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
