// Text on a coloured swatch (a shift template's colour on the rota, the
// templates list): black or white, whichever contrasts more. For any colour
// one of the two reaches at least 4.58:1, above WCAG AA's 4.5:1 for text, so
// a supervisor may pick any colour and its label stays readable.

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

/** The text colour to write on a #rrggbb background. */
export function textOn(background: string): '#000000' | '#ffffff' {
	return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** Whether a value is a colour as the database keeps it (shift_templates_colour_is_hex). */
export const isHexColour = (value: string): boolean => /^#[0-9a-f]{6}$/.test(value);
