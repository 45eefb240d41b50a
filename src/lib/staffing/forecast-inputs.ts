// The inputs a forecast version was made with (forecasts.inputs, written by
// app.forecast_method in SQL): read with zod, as any JSON column, so the
// page shows what the method did (the days it read, the weights, the trend)
// and says plainly when a version's inputs are not of this shape.
import * as z from 'zod/mini';

const dayKind = z.enum(['ordinary', 'holiday', 'make_up']);
const daySource = z.enum(['same_weekday', 'past_holidays', 'closed', 'working_weekdays', 'no_history']);

const forecastInputs = z.object({
	method: z.string(),
	history_weeks: z.number(),
	recency_decay: z.number(),
	weights: z.array(z.number()),
	history: z.object({
		first_data_day: z.string(),
		from: z.nullable(z.string()),
		ends_before: z.string()
	}),
	trend: z.object({
		factor: z.number(),
		raw: z.nullable(z.number()),
		cap: z.number(),
		recent_daily_mean: z.nullable(z.number()),
		previous_daily_mean: z.nullable(z.number()),
		note: z.nullable(z.string())
	}),
	days: z.array(
		z.object({
			day: z.string(),
			kind: dayKind,
			source: daySource,
			history_days: z.array(z.string())
		})
	)
});

export type ForecastInputs = z.infer<typeof forecastInputs>;
export type ForecastDayKind = z.infer<typeof dayKind>;
export type ForecastDaySource = z.infer<typeof daySource>;

/** The inputs of a version, or null when they are not of the shape above (an older method). */
export function parseForecastInputs(json: unknown): ForecastInputs | null {
	const parsed = forecastInputs.safeParse(json);
	return parsed.success ? parsed.data : null;
}
