// ESLint flat config: type-checked TypeScript everywhere, Svelte rules for
// components, Prettier owns formatting. Floating promises are errors: an
// unawaited promise on a wall TV is a silent failure nobody sees.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const NODE_ONLY_GLOBALS = [
	'process',
	'Buffer',
	'global',
	'__dirname',
	'__filename',
	'require',
	'module',
	'setImmediate'
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'src/lib/database.types.ts',
			'node_modules/',
			'.callboard/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			parserOptions: {
				// Root config files belong to no folder's tsconfig.json; tsconfig.node.json types them.
				projectService: { allowDefaultProject: ['*.config.ts'], defaultProject: 'tsconfig.node.json' },
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		// The SPA runs in a browser only (on Supabase there is no Node server): no
		// Node globals or modules, and nothing from the single-box server.
		files: ['src/**'],
		languageOptions: { globals: globals.browser },
		rules: {
			'no-restricted-globals': ['error', ...NODE_ONLY_GLOBALS],
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['node:*'], message: 'The SPA runs in a browser: no Node modules.' },
						{
							group: ['**/server/**', '**/tests/**', '**/bench/**', '**/scripts/**'],
							message: 'The SPA must not bundle server or test code.'
						},
						{ group: ['ws', 'postgres', '@electric-sql/*', 'bcryptjs', 'tsx'], message: 'A server-side package.' }
					]
				}
			]
		}
	},
	{
		// Node code; tests and benchmarks also hold callbacks that run in the page.
		files: ['server/**', 'scripts/**', '*.config.ts', '*.config.js'],
		languageOptions: { globals: globals.node }
	},
	{
		// Test support lives in tests/: specs next to the server code may use it, the server itself never.
		files: ['server/**'],
		ignores: ['server/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/tests/**'], message: 'Production code must not import test support.' }] }
			]
		}
	},
	{
		files: ['tests/**', 'bench/**'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// The SPA never bundles server code (event schemas, feeders, the API):
		// what both sides need lives in src/lib and is imported by the server.
		files: ['src/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/server/**', '**/server'], message: 'The SPA must not import server code.' }] }
			]
		}
	},
	{
		// Plain JS config files are not part of the TypeScript project.
		files: ['**/*.js', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	}
);
