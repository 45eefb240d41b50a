// Playwright's shared server (playwright.config.ts webServer): the single
// box on a copy of this run's data template (data-template.ts), not on a
// folder of its own to migrate and seed — seeding twice (here and for the
// specs' own servers) cost the run most of a minute before its first test.
// `npm test` makes the template ahead, beside vitest; run alone, the first
// of this server and the specs to need it makes it.
import { copyDataTemplate } from './data-template';

const dataDir = process.env.CALLBOARD_DATA;
if (!dataDir) throw new Error('CALLBOARD_DATA must name the (empty) data folder to serve');
await copyDataTemplate(dataDir);
await import('../../server/main.ts');
