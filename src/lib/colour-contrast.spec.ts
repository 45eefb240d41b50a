import { describe, expect, it } from 'vitest';
import { contrastRatio, isHexColour, textOn } from './colour-contrast';

describe('text on a colour', () => {
	it('computes WCAG contrast', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
	});

	it('picks black on light colours and white on dark ones', () => {
		expect(textOn('#f5b942')).toBe('#000000');
		expect(textOn('#1f2a6b')).toBe('#ffffff');
	});

	it('keeps at least 4.5:1 for every colour of a coarse sweep', () => {
		let worst = 21;
		for (let r = 0; r < 256; r += 15)
			for (let g = 0; g < 256; g += 15)
				for (let b = 0; b < 256; b += 15) {
					const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
					worst = Math.min(worst, contrastRatio(hex, textOn(hex)));
				}
		expect(worst).toBeGreaterThanOrEqual(4.5);
	});

	it('knows the colours the database accepts', () => {
		expect(isHexColour('#4aa3ff')).toBe(true);
		expect(isHexColour('#4AA3FF')).toBe(false);
		expect(isHexColour('red')).toBe(false);
	});
});
