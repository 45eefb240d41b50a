// The breaks of a shift as the database keeps them (app.shift_length checks
// them on every write): minutes after the shift starts, length, paid or not.
import * as z from 'zod/mini';

const breakSchema = z.object({
	start_min: z.number().check(z.int(), z.minimum(1)),
	minutes: z.number().check(z.int(), z.minimum(1)),
	paid: z.boolean()
});
export type ShiftBreak = z.infer<typeof breakSchema>;

/** The breaks of a shift row; a value the database would never store reads as no breaks. */
export function parseBreaks(value: unknown): ShiftBreak[] {
	const parsed = z.array(breakSchema).safeParse(value);
	return parsed.success ? parsed.data : [];
}

/** The clock time `minutes` after `start` (hh:mm or hh:mm:ss), wrapping past midnight. */
export function clockAfter(start: string, minutes: number): string {
	const [h = 0, m = 0] = start.split(':').map(Number);
	const total = (h * 60 + m + minutes) % 1440;
	return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
