// "Perhaps you meant …" hints for unknown tables and functions, as PostgREST gives.

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
		}
		previous = current;
	}
	return previous[b.length] ?? 0;
}

/** The most similar known name, for "Perhaps you meant …" hints; only close matches (a typo or two). */
export function closestName(name: string, names: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestDistance = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
	for (const candidate of names) {
		const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
		if (distance <= bestDistance) {
			best = candidate;
			bestDistance = distance - 1;
		}
	}
	return best;
}
