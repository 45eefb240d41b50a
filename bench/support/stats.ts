// Percentiles and the table every benchmark prints.

export function percentile(samples: readonly number[], p: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank] as number;
}

/** Milliseconds each of `rounds` sequential calls of `fn` took. */
export async function timeRounds(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < rounds; i++) {
		const started = performance.now();
		await fn();
		samples.push(performance.now() - started);
	}
	return samples;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Row {
	benchmark: string;
	figure: string;
	goal: string;
	met: boolean | null;
}

export function printTable(rows: readonly Row[]): string {
	const lines = [
		'| benchmark | measured | goal | met |',
		'| --- | --- | --- | --- |',
		...rows.map((r) => `| ${r.benchmark} | ${r.figure} | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : 'no'} |`)
	];
	const text = lines.join('\n');
	console.log(text);
	return text;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;
