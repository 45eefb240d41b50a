// A short line diff for `--check`: enough to see which table or function
// changed without opening the file, not a general-purpose diff.

export interface DiffLine {
	kind: ' ' | '-' | '+';
	text: string;
	/** 1-based line number in the old text (for '+': the line it goes before). */
	line: number;
}

/** Longest-common-subsequence diff after trimming the shared head and tail. */
export function diffLines(oldText: string, newText: string): DiffLine[] {
	const a = oldText.split('\n');
	const b = newText.split('\n');
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
		tail++;
	}
	const middle = diffMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head);
	const same = (texts: string[], offset: number): DiffLine[] =>
		texts.map((text, i) => ({ kind: ' ', text, line: offset + i + 1 }));
	return [...same(a.slice(0, head), 0), ...middle, ...same(a.slice(a.length - tail), a.length - tail)];
}

function diffMiddle(a: string[], b: string[], offset: number): DiffLine[] {
	const width = b.length + 1;
	// lcs[i * width + j] = LCS length of a[i..] and b[j..]
	const lcs = new Uint32Array((a.length + 1) * width);
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lcs[i * width + j] =
				a[i] === b[j]
					? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
					: Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
		}
	}
	const out: DiffLine[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			out.push({ kind: ' ', text: a[i] ?? '', line: offset + i + 1 });
			i++;
			j++;
		} else if (i < a.length && (j === b.length || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
			out.push({ kind: '-', text: a[i] ?? '', line: offset + i + 1 });
			i++;
		} else {
			out.push({ kind: '+', text: b[j] ?? '', line: offset + i + 1 });
			j++;
		}
	}
	return out;
}

const STRUCTURAL = new Set(['Row', 'Insert', 'Update', 'Args', 'SetofOptions', 'Relationships']);

/** The nearest enclosing `name: {` above a line, like git's hunk-header function context. */
function contextOf(lines: DiffLine[], index: number): string {
	for (let k = index; k >= 0; k--) {
		const match = /^\s*"?([\w$]+)"?: \{$/.exec(lines[k]?.text ?? '');
		if (match?.[1] && !STRUCTURAL.has(match[1])) return match[1];
	}
	return '';
}

function hunkHeader(lines: DiffLine[], index: number): string {
	const context = contextOf(lines, index);
	return `@@ committed line ${String(lines[index]?.line ?? 0)}${context ? `, in ${context}` : ''}`;
}

/** Changed lines with a little context, grouped in hunks; at most `maxLines` lines. */
export function summarizeDiff(oldText: string, newText: string, maxLines = 60): string {
	const lines = diffLines(oldText, newText);
	const changed = lines.flatMap((l, i) => (l.kind === ' ' ? [] : [i]));
	const added = changed.filter((i) => lines[i]?.kind === '+').length;
	const out = [`${String(added)} line(s) added, ${String(changed.length - added)} removed`];
	let shownUntil = -1;
	for (const index of changed) {
		if (out.length >= maxLines) {
			out.push('…');
			break;
		}
		if (index > shownUntil + 1) out.push(hunkHeader(lines, index));
		for (let k = Math.max(index - 1, shownUntil + 1); k <= index + 1 && k < lines.length; k++) {
			const line = lines[k];
			if (line) out.push(`${line.kind} ${line.text}`);
			shownUntil = k;
		}
	}
	return out.join('\n');
}
