// Writes tests/conformance/supabase-catalog.json from a PostgreSQL 15 on
// which Supabase's own schemas were built (tests/conformance/README.md says
// how). The catalog part is read from that database; the sources and the
// realtime partition facts are kept from the existing file, or taken from
// --meta the first time.
//
//   npx tsx scripts/extract-supabase-catalog.ts --url postgres://… [--meta meta.json] [--out file]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { openPostgres } from '../server/db/postgres.ts';
import { FIXTURE_FILE, FixtureSchema } from '../tests/conformance/catalog.ts';
import { extractCatalog } from '../tests/conformance/extract-catalog.ts';

const USAGE = `usage: npx tsx scripts/extract-supabase-catalog.ts --url <postgres url> [--meta <json>] [--out <file>]
  --url   the database holding Supabase's auth and realtime schemas
  --meta  JSON with postgresMajor, sources and realtimeMessagePartitions (default: from the existing --out file)
  --out   the fixture to write (default: ${FIXTURE_FILE})`;

const MetaSchema = FixtureSchema.pick({ postgresMajor: true, sources: true, realtimeMessagePartitions: true });

async function main(argv: string[]): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			url: { type: 'string' },
			meta: { type: 'string' },
			out: { type: 'string', default: FIXTURE_FILE },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (!values.url) throw new Error('--url is required');
	const metaFile = values.meta ?? values.out;
	if (!existsSync(metaFile)) throw new Error(`no ${metaFile} to take the sources from: pass --meta`);
	const meta = MetaSchema.safeParse(JSON.parse(readFileSync(metaFile, 'utf8')));
	if (!meta.success) throw new Error(`${metaFile}: ${meta.error.issues.map((i) => i.message).join('; ')}`);

	const db = openPostgres(values.url, { max: 1 });
	try {
		const { rows } = await db.query<{ major: number }>(
			`select current_setting('server_version_num')::int / 10000 as major`
		);
		if (rows[0]?.major !== meta.data.postgresMajor) {
			throw new Error(`the database runs PostgreSQL ${rows[0]?.major}, the fixture is for ${meta.data.postgresMajor}`);
		}
		const catalog = await extractCatalog(db);
		// Written as the formatter would, so `npm run lint` accepts the file as it is.
		const options = { ...(await resolveConfig(values.out)), filepath: values.out };
		writeFileSync(values.out, await format(JSON.stringify({ ...meta.data, ...catalog }), options));
		console.log(
			`wrote ${values.out}: ${catalog.tables.length} tables, ${catalog.functions.length} functions, ${catalog.types.length} types, ${catalog.roles.length} roles`
		);
	} finally {
		await db.close();
	}
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(`extract-supabase-catalog: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
		process.exit(1);
	}
);
