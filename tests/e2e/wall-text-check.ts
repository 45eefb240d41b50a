// Walks every rendered text node of the page and reports text below the
// wall's minimum size, text that wraps onto a second line, and text that runs
// out of its box. Text may be cut short only with an ellipsis on an element
// whose tooltip (title) carries the full text — the clamp for long names.
import type { Page } from '@playwright/test';
import { WALL_MIN_TEXT_REM } from '../../src/lib/components/wall/wall-type';

export interface TextProblem {
	text: string;
	problem: 'too small' | 'wraps' | 'overflows' | 'clipped';
	detail: string;
}

/** Problems of the text on the page now; [] when every text is whole, on one line and large enough. */
export async function wallTextProblems(page: Page): Promise<TextProblem[]> {
	return page.evaluate((minRem) => {
		const rootPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
		const minPx = minRem * rootPx;
		const problems: TextProblem[] = [];
		const report = (node: Text, problem: TextProblem['problem'], detail: string) =>
			problems.push({ text: (node.textContent ?? '').trim().slice(0, 60), problem, detail });
		const round = (n: number) => Math.round(n * 10) / 10;

		/** The nearest ancestor that is laid out as a box (not inline), or the owning <svg> for SVG text. */
		const boxOf = (el: Element): Element => {
			if (el instanceof SVGElement) return el.ownerSVGElement ?? el;
			let box: Element | null = el;
			while (box && getComputedStyle(box).display === 'inline') box = box.parentElement;
			return box ?? el;
		};
		/** The element that cuts this text with an ellipsis, if any, and whether it shows the full text on hover. */
		const clampOf = (el: Element) => {
			for (let c: Element | null = el; c; c = c.parentElement) {
				const style = getComputedStyle(c);
				if (style.textOverflow === 'ellipsis' && style.overflowX !== 'visible') return c;
				if (style.display !== 'inline') return null;
			}
			return null;
		};
		const hasTitle = (el: Element, text: string) => {
			for (let c: Element | null = el; c; c = c.parentElement) {
				const title = c.getAttribute('title');
				if (title !== null) return title.includes(text.trim());
			}
			return false;
		};

		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
			const text = node.textContent ?? '';
			const el = node.parentElement;
			if (!el || text.trim() === '' || el.closest('title, style, script, option')) continue;
			const range = document.createRange();
			range.selectNodeContents(node);
			const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
			if (rects.length === 0) continue; // not rendered
			const style = getComputedStyle(el);
			if (style.visibility !== 'visible') continue;

			// Size as drawn: SVG text is scaled by its viewBox.
			const scale = el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
			const px = Number.parseFloat(style.fontSize) * scale;
			if (px < minPx - 0.05) report(node, 'too small', `${round(px)} px < ${round(minPx)} px`);

			// One line: every fragment on the first fragment's line.
			const first = rects[0];
			const tops = rects.map((r) => r.top + r.height / 2);
			if (first && Math.max(...tops) - Math.min(...tops) > first.height / 2)
				report(node, 'wraps', `${new Set(tops.map(Math.round)).size} lines`);

			// Inside its box, or cut with an ellipsis where the tooltip has the whole name.
			const whole = range.getBoundingClientRect();
			const container = boxOf(el);
			const box = container.getBoundingClientRect();
			// Text belongs in the content box: running into the padding is already running out.
			const pad = getComputedStyle(container);
			const left = box.left + Number.parseFloat(pad.paddingLeft) + Number.parseFloat(pad.borderLeftWidth);
			const right = box.right - Number.parseFloat(pad.paddingRight) - Number.parseFloat(pad.borderRightWidth);
			const out =
				container instanceof SVGElement
					? Math.max(box.left - whole.left, whole.right - box.right)
					: Math.max(left - whole.left, whole.right - right);
			if (out > 1) {
				const clamp = clampOf(el);
				if (!clamp) report(node, 'overflows', `${round(out)} px past its box`);
				else if (!hasTitle(clamp, text)) report(node, 'clipped', 'cut with no tooltip of the full text');
			}
			// Not hidden by a box that clips (a list cut at its bottom edge).
			const middle = whole.top + whole.height / 2;
			for (let c = el.parentElement; c; c = c.parentElement) {
				const clip = getComputedStyle(c);
				if (clip.overflowY === 'visible' && clip.overflowX === 'visible') continue;
				const r = c.getBoundingClientRect();
				if (middle < r.top || middle > r.bottom) {
					report(node, 'clipped', `outside the clipping box of <${c.tagName.toLowerCase()}>`);
					break;
				}
			}
			if (middle < 0 || middle > innerHeight) report(node, 'clipped', 'outside the screen');
		}
		return problems;
	}, WALL_MIN_TEXT_REM);
}

/** Whether the page scrolls, and which board parts (by test id) leave the screen; fitted is { scrolls: false, outside: [] }. */
export async function wallFitProblems(
	page: Page,
	parts: string
): Promise<{ scrolls: boolean; outside: (string | null)[] }> {
	return page.evaluate((selector) => {
		const root = document.documentElement;
		const outside = [...document.querySelectorAll(selector)].filter((el) => {
			const r = el.getBoundingClientRect();
			return r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
		});
		return {
			scrolls: root.scrollWidth > innerWidth || root.scrollHeight > innerHeight,
			outside: outside.map((el) => el.getAttribute('data-testid'))
		};
	}, parts);
}
