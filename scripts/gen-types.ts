// Writes src/lib/database.types.ts in the shape `supabase gen types typescript`
// produces, from an in-memory PGlite with our migrations applied — the CLI
// needs Docker, which these machines do not have.
//
//   npx tsx scripts/gen-types.ts              write the file
//   npx tsx scripts/gen-types.ts --check      exit 1 if the committed file is out of date
//   npx tsx scripts/gen-types.ts --out PATH   write (or check) PATH instead
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { summarizeDiff } from './gen-types/diff';
import { generateTypes } from './gen-types/generate';
import { openSchemaDb } from './gen-types/schema-db';

export { generateTypes, HEADER, POSTGREST_VERSION } from './gen-types/generate';
export { summarizeDiff } from './gen-types/diff';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT = resolve(ROOT, 'src/lib/database.types.ts');

export async function generateForRepo(outPath: string): Promise<string> {
	const db = await openSchemaDb(ROOT);
	try {
		return await generateTypes(db, { filepath: outPath });
	} finally {
		await db.close();
	}
}

async function readIfExists(path: string): Promise<string | null> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
		throw error;
	}
}

/** Returns the process exit code. */
async function check(outPath: string, generated: string): Promise<number> {
	const shown = relative(process.cwd(), outPath);
	const committed = await readIfExists(outPath);
	if (committed === generated) {
		console.log(`${shown} is up to date`);
		return 0;
	}
	console.error(
		committed === null
			? `${shown} is missing`
			: `${shown} differs from what the migrations generate:\n${summarizeDiff(committed, generated)}`
	);
	console.error('Run `npm run gen:types` and commit the result.');
	return 1;
}

async function main(argv: string[]): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		options: { check: { type: 'boolean', default: false }, out: { type: 'string' } }
	});
	const outPath = values.out ? resolve(values.out) : DEFAULT_OUT;
	const generated = await generateForRepo(outPath);
	if (values.check) return check(outPath, generated);
	await writeFile(outPath, generated);
	console.log(`wrote ${relative(process.cwd(), outPath)} (${String(Buffer.byteLength(generated))} bytes)`);
	return 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
	main(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : error);
			process.exitCode = 1;
		}
	);
}
