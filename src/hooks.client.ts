// Runs before any page: the language rules must be in place before the first
// message is rendered.
import '$lib/i18n/locale-choice';
import { config as zodConfig } from 'zod';

// Before any page module builds a schema: zod compiles object parsers with
// new Function() unless told not to, and even its probe for eval is a
// reported violation of the app's Content-Security-Policy (script-src allows
// no eval), on every page that loads an object schema (the top bar's
// attendance badge does). The interpreted parser is as correct.
zodConfig({ jitless: true });
