// One collation for every sorted list, fixed to 'en' so the output does not
// depend on the machine's locale (postgres-meta sorts with localeCompare too).
export function compareNames(a: string, b: string): number {
	return a.localeCompare(b, 'en');
}

export function byName<T extends { name: string }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => compareNames(a.name, b.name));
}
