// A reader for pg_node_tree text (the stored form of a view's query), just
// enough to find where each view column comes from — the way PostgREST
// detects foreign keys that pass through views.

export interface PgNode {
	type: string;
	fields: Record<string, NodeValue>;
}
export type NodeValue = string | null | PgNode | NodeValue[];

const DELIMITERS = new Set(['(', ')', '{', '}']);

/** Tokens as Postgres' pg_strtok splits them: a backslash escapes the next character. */
function tokenize(text: string): string[] {
	const tokens: string[] = [];
	let i = 0;
	while (i < text.length) {
		const char = text.charAt(i);
		if (/\s/.test(char)) {
			i++;
		} else if (DELIMITERS.has(char)) {
			tokens.push(char);
			i++;
		} else {
			let token = '';
			while (i < text.length && !/\s/.test(text.charAt(i)) && !DELIMITERS.has(text.charAt(i))) {
				if (text.charAt(i) === '\\') i++;
				token += text.charAt(i);
				i++;
			}
			tokens.push(token);
		}
	}
	return tokens;
}

class Reader {
	readonly #tokens: string[];
	#at = 0;

	constructor(text: string) {
		this.#tokens = tokenize(text);
	}

	#next(): string {
		const token = this.#tokens[this.#at++];
		if (token === undefined) throw new Error('pg_node_tree ended early');
		return token;
	}

	#peek(): string | undefined {
		return this.#tokens[this.#at];
	}

	value(): NodeValue {
		const token = this.#next();
		if (token === '{') return this.#node();
		if (token === '(') return this.#until(')');
		if (token === '[') return this.#until(']');
		return token === '<>' ? null : token;
	}

	#until(end: string): NodeValue[] {
		const items: NodeValue[] = [];
		while (this.#peek() !== end) items.push(this.value());
		this.#next();
		return items;
	}

	#node(): PgNode {
		const node: PgNode = { type: this.#next(), fields: {} };
		while (this.#peek() !== '}') {
			const key = this.#next().replace(/^:/, '');
			// Most fields hold one value; a few (constvalue: length and bytes) hold more.
			const values = [this.value()];
			while (this.#peek() !== '}' && !this.#peek()?.startsWith(':')) values.push(this.value());
			node.fields[key] = values.length === 1 ? (values[0] ?? null) : values;
		}
		this.#next();
		return node;
	}
}

export function parseNodeTree(text: string): NodeValue {
	return new Reader(text).value();
}

function isNode(value: NodeValue | undefined): value is PgNode {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: NodeValue | undefined): string {
	return typeof value === 'string' ? value : '';
}

export interface TargetEntry {
	/** The view column's attnum. */
	resno: number;
	/** Table (or view) and column a plain column reference comes from; '0' / 0 otherwise. */
	originRelationId: string;
	originColumn: number;
}

/** Target list of the top-level query of a view's `_RETURN` rule. */
export function viewTargetList(evAction: string): TargetEntry[] {
	const tree = parseNodeTree(evAction);
	const query = Array.isArray(tree) ? tree[0] : undefined;
	if (!isNode(query)) return [];
	const targetList = query.fields.targetList;
	if (!Array.isArray(targetList)) return [];
	return targetList.filter(isNode).map((entry) => ({
		resno: Number(scalar(entry.fields.resno)),
		originRelationId: scalar(entry.fields.resorigtbl),
		originColumn: Number(scalar(entry.fields.resorigcol))
	}));
}
