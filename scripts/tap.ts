// Reads TAP output as pgTAP prints it: a plan line `1..N`, `ok N - text`,
// `not ok N - text` and `#` diagnostics (kept with the failure they follow).
export interface TapResult {
	planned: number | undefined;
	passed: number;
	failed: string[];
	problems: string[];
}

export function parseTap(output: string): TapResult {
	const result: TapResult = { planned: undefined, passed: 0, failed: [], problems: [] };
	let lastFailure = -1;
	for (const line of output.split('\n')) {
		const plan = /^1\.\.(\d+)/.exec(line);
		if (plan) {
			result.planned = Number(plan[1]);
		} else if (/^ok \d+/.test(line)) {
			result.passed += 1;
			lastFailure = -1;
		} else if (/^not ok \d+/.test(line)) {
			lastFailure = result.failed.push(line.replace(/^not ok /, '')) - 1;
		} else if (line.startsWith('#') && lastFailure >= 0) {
			result.failed[lastFailure] += `\n         ${line}`;
		}
	}
	const ran = result.passed + result.failed.length;
	if (result.planned === undefined) result.problems.push('no plan line: the file did not run to its plan');
	else if (ran !== result.planned) result.problems.push(`planned ${result.planned} tests but ${ran} ran`);
	return result;
}
