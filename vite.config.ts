import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Chunks for the browser build. Every page needs Svelte, SvelteKit's client,
// supabase-js and zod, and every wallboard the same shell; left to itself the
// bundler cuts them into ~25 files, and gzip restarts its dictionary in each,
// which costs a wallboard ~4 KB of its 120 KB budget (bench/wall.ts). Modules
// a group does not name fall back to automatic chunking, so a missing name
// costs a few bytes, never correctness.
const CORE = [
	'/node_modules/svelte/',
	'/node_modules/@sveltejs/kit/',
	'/node_modules/@supabase/',
	'/node_modules/zod/',
	'vite/preload-helper',
	'rolldown/runtime',
	'/src/lib/supabase.ts',
	'/src/lib/paraglide/runtime.js',
	'/src/lib/paraglide/messages/app_title.js',
	'/src/lib/components/locale-switch.svelte',
	'/src/lib/data/memberships.ts'
];
// What every wallboard shows or reads, whichever board it is.
const WALL_SHELL = [
	'/src/lib/live/board-settings.ts',
	'/src/lib/live/wall-context.ts',
	'/src/lib/live/format.ts',
	'/src/lib/live/thresholds.ts',
	'/src/lib/data/wall.ts',
	'/src/lib/metrics/queue-metrics.ts',
	'/src/lib/components/wall/wall-frame.svelte',
	'/src/lib/components/wall/level-mark.svelte',
	'/src/lib/paraglide/messages/wall_sign_in.js'
];
const among = (paths: string[]) => (id: string) => {
	const file = id.replaceAll('\\', '/');
	return paths.some((p) => file.includes(p));
};

export default defineConfig(({ isSsrBuild }) => ({
	build: isSsrBuild
		? {}
		: {
				rolldownOptions: {
					output: {
						codeSplitting: {
							groups: [
								{ name: 'core', test: among(CORE) },
								{ name: 'wall', test: among(WALL_SHELL) }
							]
						}
					}
				}
			},
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The user's explicit choice, a board's site language, the browser's, Chinese
			// (src/lib/i18n/locale-choice.ts defines the first two and says why).
			strategy: ['custom-choice', 'custom-site', 'preferredLanguage', 'baseLocale']
		})
	],
	test: {
		projects: [
			{
				extends: true,
				// Pure modules: one process for all the files (26 s → 6 s on CI's two cores;
				// a new one per file spent the time importing, not testing).
				test: { name: 'client', include: ['src/**/*.{test,spec}.ts'], environment: 'node', isolate: false }
			},
			{
				// Node-side code and the database suites; they start databases, so one file at a time.
				test: {
					name: 'server',
					include: [
						'server/**/*.{test,spec}.ts',
						'scripts/**/*.{test,spec}.ts',
						'tests/db/**/*.{test,spec}.ts',
						'tests/conformance/**/*.{test,spec}.ts',
						'tests/support/**/*.{test,spec}.ts',
						'bench/**/*.{test,spec}.ts'
					],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 180_000,
					pool: 'forks',
					fileParallelism: false,
					// One process for all the files: a fresh one per file spent about 3 s
					// starting and importing the server (PGlite's WebAssembly included),
					// half of the project's time. Each spec opens and closes its own
					// databases and servers, so nothing else is carried over.
					isolate: false,
					// Test databases start as copies of one migrated, seeded template per
					// engine made once per run; this names the run's templates and removes them.
					globalSetup: ['./tests/support/db-template-setup.ts']
				}
			},
			{
				// The real supabase-js against the running server, on PGlite and PostgreSQL 15.
				test: {
					name: 'contract',
					include: ['tests/contract/**/*.spec.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 180_000,
					pool: 'forks',
					fileParallelism: false,
					globalSetup: ['./tests/support/db-template-setup.ts']
				}
			}
		]
	}
}));
