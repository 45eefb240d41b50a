// `select=` and `columns=` parameters: column lists with `alias:column` and
// `column::type`. Resource embedding (`teams(name)`) is refused: this server
// answers one table per request, like the app's data layer asks.
import { parseError, pgrstError } from './errors.ts';

export type SelectItem = { kind: 'star' } | { kind: 'column'; column: string; alias?: string; cast?: string };

/** Splits on commas outside double quotes and parentheses; reports whether any parenthesis occurred. */
export function splitTopLevel(input: string): { parts: string[]; parens: boolean } {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let parens = false;
	let start = 0;
	for (let i = 0; i < input.length; i++) {
		const c = input[i];
		if (c === '\\' && quoted) i++;
		else if (c === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (c === '(') {
			depth++;
			parens = true;
		} else if (c === ')') depth--;
		else if (c === ',' && depth === 0) {
			parts.push(input.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(input.slice(start));
	return { parts, parens };
}

/** A field name: trimmed bare text, or a double-quoted name (with \" escapes). */
export function fieldName(raw: string): string | undefined {
	const text = raw.trim();
	if (text.startsWith('"')) {
		const match = /^"((?:[^"\\]|\\.)*)"$/s.exec(text);
		return match?.[1] ? match[1].replace(/\\(.)/gs, '$1') : undefined;
	}
	// eslint-disable-next-line no-control-regex -- NUL cannot travel in SQL text
	return /^[^\s"(),:.\x00][^"(),:.\x00]*$/.test(text) ? text : undefined;
}

/** A cast must be a single type word: it is written into SQL unquoted (so `integer` and `int4` both work). */
const CAST = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parseItem(raw: string, whole: string): SelectItem {
	const item = raw.trim();
	if (item === '*') return { kind: 'star' };
	let rest = item;
	let alias: string | undefined;
	const aliasAt = /^((?:"(?:[^"\\]|\\.)*")|[^":]*):(?!:)/s.exec(rest);
	if (aliasAt?.[1] !== undefined) {
		alias = fieldName(aliasAt[1]);
		if (alias === undefined) throw parseError('select parameter', whole, `invalid alias in "${item}"`);
		rest = rest.slice(aliasAt[0].length);
	}
	let cast: string | undefined;
	const castAt = rest.lastIndexOf('::');
	if (castAt >= 0 && !rest.slice(castAt).includes('"')) {
		cast = rest.slice(castAt + 2).trim();
		if (!CAST.test(cast)) throw parseError('select parameter', whole, `invalid cast "${cast}" in "${item}"`);
		rest = rest.slice(0, castAt);
	}
	const column = fieldName(rest);
	if (column === undefined) throw parseError('select parameter', whole, `invalid column name in "${item}"`);
	return { kind: 'column', column, ...(alias !== undefined && { alias }), ...(cast !== undefined && { cast }) };
}

export function parseSelect(value: string | null): SelectItem[] {
	if (value === null || value.trim() === '') return [{ kind: 'star' }];
	const { parts, parens } = splitTopLevel(value);
	if (parens) {
		throw pgrstError(
			400,
			'PGRST100',
			'Resource embedding is not supported by this server',
			`The select parameter (${value}) embeds another resource or calls a function; only columns, alias:column and column::type are accepted.`,
			'Fetch the related rows with a second query.'
		);
	}
	return parts.map((part) => parseItem(part, value));
}

/** `columns=` of inserts and upserts (postgrest-js quotes every name). */
export function parseColumns(value: string): string[] {
	const { parts, parens } = splitTopLevel(value);
	return parts.map((part) => {
		const name = parens ? undefined : fieldName(part);
		if (name === undefined) throw parseError('columns parameter', value, `invalid column name "${part.trim()}"`);
		return name;
	});
}
