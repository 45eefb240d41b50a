// The embedded database's files are private to the server's user: its folder
// 0700, every folder in it 0700 and every file 0600. The WAL holds refresh
// tokens and password hashes in clear, so nobody else on the machine may
// read it, let alone write it.
//
// Two halves: `makeTreePrivate` creates the folder, or tightens one an older
// version left open, before PGlite starts; `keepCreatedFilesPrivate` runs in
// the worker thread that owns PGlite, because PGlite's Emscripten file layer
// chmods every file it creates to the mode PostgreSQL asked for inside WASM
// (0666) — no umask can undo an explicit chmod, so the worker drops the
// group and other bits from every mode its `fs` is asked to set.
import fs from 'node:fs';
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

const OWNER_ONLY = 0o700;

function clamp(mode: fs.Mode): number {
	const numeric = typeof mode === 'string' ? parseInt(mode, 8) : mode;
	return numeric & ~0o077;
}

/** Worker-side: every file and folder this thread's `fs` creates or chmods stays owner-only. */
export function keepCreatedFilesPrivate(): void {
	const { chmodSync, fchmodSync, mkdirSync, openSync, writeFileSync } = fs;
	// Patching the shared module object is what reaches PGlite: Emscripten
	// looks these functions up on it at every call. Worker threads have their
	// own module instances, so the main thread's fs is untouched.
	Object.assign(fs, {
		chmodSync: (file: fs.PathLike, mode: fs.Mode) => chmodSync(file, clamp(mode)),
		fchmodSync: (fd: number, mode: fs.Mode) => fchmodSync(fd, clamp(mode)),
		openSync: (file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null) =>
			openSync(file, flags ?? 'r', clamp(mode ?? 0o666)),
		mkdirSync: (dir: fs.PathLike, options?: fs.Mode | fs.MakeDirectoryOptions | null) => {
			if (typeof options === 'object' && options !== null) {
				return mkdirSync(dir, { ...options, mode: clamp(options.mode ?? 0o777) });
			}
			return mkdirSync(dir, { mode: clamp(options ?? 0o777) });
		},
		writeFileSync: (
			file: fs.PathOrFileDescriptor,
			data: string | NodeJS.ArrayBufferView,
			options?: fs.WriteFileOptions
		) => {
			const mode = typeof options === 'object' && options !== null ? options.mode : undefined;
			const rest = typeof options === 'object' && options !== null ? options : { encoding: options ?? null };
			writeFileSync(file, data, { ...rest, mode: clamp(mode ?? 0o666) });
		}
	});
}

async function tighten(entry: string): Promise<number> {
	const stat = await lstat(entry);
	if (stat.isSymbolicLink()) return 0;
	let changed = 0;
	if (stat.isDirectory()) {
		if ((stat.mode & 0o777) !== OWNER_ONLY) {
			await chmod(entry, OWNER_ONLY);
			changed++;
		}
		for (const name of await readdir(entry)) changed += await tighten(path.join(entry, name));
	} else if ((stat.mode & 0o077) !== 0) {
		await chmod(entry, stat.mode & 0o700);
		changed++;
	}
	return changed;
}

/**
 * Creates `dir` (and missing parents) owner-only, or makes an existing tree
 * owner-only: folders 0700, files without group and other bits (0600).
 * Returns how many entries it had to change.
 */
export async function makeTreePrivate(dir: string): Promise<number> {
	await mkdir(dir, { recursive: true, mode: OWNER_ONLY });
	return tighten(dir);
}
