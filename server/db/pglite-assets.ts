// PGlite's WebAssembly (postgres and initdb) compiled once per process and
// its file-system bundle read once, handed to every worker. A worker would
// otherwise read and compile ~9 MB of WASM on each open — after every
// deadline restart, and for every test database — which costs seconds on a
// loaded machine; a compiled WebAssembly.Module is shared between threads
// by structured clone without compiling again.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PgliteAssets {
	pgliteWasmModule: WebAssembly.Module;
	initdbWasmModule: WebAssembly.Module;
	fsBundle: Blob;
}

let assets: Promise<PgliteAssets> | undefined;

async function load(): Promise<PgliteAssets> {
	// The same files PGlite itself loads from next to its entry module.
	const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
	const [pglite, initdb, bundle] = await Promise.all(
		['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((name) => readFile(path.join(dist, name)))
	);
	if (!pglite || !initdb || !bundle) throw new Error(`PGlite's assets are missing in ${dist}`);
	const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
		WebAssembly.compile(pglite),
		WebAssembly.compile(initdb)
	]);
	return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([bundle]) };
}

export function pgliteAssets(): Promise<PgliteAssets> {
	assets ??= load();
	// A failed load is retried by the next open instead of being remembered.
	assets.catch(() => {
		assets = undefined;
	});
	return assets;
}
