// Checks of the Erlang models' inputs. Each failure is a RangeError whose
// message starts with the parameter's name, so a caller (and a test) can tell
// which value was wrong without parsing prose.

const shown = (value: number) => (Number.isNaN(value) ? 'NaN' : String(value));

/** A finite number ≥ 0 (call volumes). */
export function atLeastZero(name: string, value: number): number {
	if (!Number.isFinite(value) || value < 0)
		throw new RangeError(`${name} must be a finite number ≥ 0, got ${shown(value)}`);
	return value;
}

/** A finite number > 0 (durations). */
export function aboveZero(name: string, value: number): number {
	if (!Number.isFinite(value) || value <= 0)
		throw new RangeError(`${name} must be a finite number > 0, got ${shown(value)}`);
	return value;
}

/** A whole count ≥ 0 (agents, lines). */
export function wholeCount(name: string, value: number): number {
	if (!Number.isInteger(value) || value < 0)
		throw new RangeError(`${name} must be a whole number ≥ 0, got ${shown(value)}`);
	return value;
}

/**
 * A fraction in the range written like an interval, e.g. '[0, 1)': a bracket
 * includes its end, a parenthesis excludes it.
 */
export function fractionIn(name: string, value: number, range: '[0, 1]' | '(0, 1]' | '[0, 1)'): number {
	const low = range.startsWith('[') ? value >= 0 : value > 0;
	const high = range.endsWith(']') ? value <= 1 : value < 1;
	if (!Number.isFinite(value) || !low || !high)
		throw new RangeError(`${name} must lie in ${range}, got ${shown(value)}`);
	return value;
}
