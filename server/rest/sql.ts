// The two ways text reaches SQL: identifiers (checked against the catalog,
// then always quoted) and values (always bound parameters, never spliced).

export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Only for text that comes from the catalog (column names), never from a request. */
export function quoteLiteral(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Collects bound values. Every value is sent as text and cast in SQL
 * (`$1::text::<type>`): text converts to any type through its input function,
 * and both adapters pass a text parameter through unchanged, whereas their
 * own serializers for bool or json would reinterpret a JS string.
 */
export class SqlParams {
	readonly values: (string | null)[] = [];

	/** `$n::text`, to be cast further by the caller when a typed value is needed. */
	add(value: string | null): string {
		this.values.push(value);
		return `$${this.values.length}::text`;
	}

	/** `$n::text::<type>` where type is a catalog-derived, already quoted type name. */
	typed(value: string | null, type: string): string {
		return `${this.add(value)}::${type}`;
	}
}
