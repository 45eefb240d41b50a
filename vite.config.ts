import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// An SPA: the user's choice, then the browser's language, then Chinese.
			strategy: ['localStorage', 'preferredLanguage', 'baseLocale']
		})
	],
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'client', include: ['src/**/*.{test,spec}.ts'], environment: 'node' }
			},
			{
				// Node-side code and the database suites; they start databases, so one file at a time.
				test: {
					name: 'server',
					include: ['server/**/*.{test,spec}.ts', 'scripts/**/*.{test,spec}.ts', 'tests/db/**/*.{test,spec}.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 180_000,
					pool: 'forks',
					fileParallelism: false
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
					fileParallelism: false
				}
			}
		]
	}
});
