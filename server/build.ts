// Builds the SPA when build/ is missing or older than its sources, so
// `npm start` on a fresh checkout (or after a pull) serves current code.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const SOURCES = [
	'src',
	'static',
	'messages',
	'project.inlang',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
// Generated, not sources: the compiled messages, the message compiler's cache
// (project.inlang/cache, written by every vitest or vite run) and the kit's own.
const IGNORED = new Set(['node_modules', 'paraglide', 'cache', '.svelte-kit']);

async function newestMtime(entry: string): Promise<number> {
	let info;
	try {
		info = await stat(entry);
	} catch {
		return 0;
	}
	if (!info.isDirectory()) return info.mtimeMs;
	const children = await readdir(entry);
	// A folder's own time moves when a file in it is added or removed (a
	// deleted route must rebuild too), except in a folder that holds generated
	// output: the message compiler recreates src/lib/paraglide whenever vitest
	// or a build runs, which would make every build look stale.
	let newest = children.some((child) => IGNORED.has(child)) ? 0 : info.mtimeMs;
	for (const child of children) {
		if (IGNORED.has(child)) continue;
		newest = Math.max(newest, await newestMtime(path.join(entry, child)));
	}
	return newest;
}

export async function buildIsStale(root: string): Promise<boolean> {
	const built = await newestMtime(path.join(root, 'build', 'index.html'));
	if (built === 0) return true;
	const sources = await Promise.all(SOURCES.map((s) => newestMtime(path.join(root, s))));
	return Math.max(...sources) > built;
}

export async function ensureBuild(root: string, log: (line: string) => void): Promise<void> {
	if (!(await buildIsStale(root))) return;
	log('Building the app (build/ is missing or older than the sources)…');
	await new Promise<void>((resolve, reject) => {
		const child = spawn(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
			cwd: root,
			stdio: 'inherit'
		});
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
	});
}
