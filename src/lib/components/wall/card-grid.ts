// The agents board's grid: as many columns as give the cards the largest
// text, so that every card is on the screen. The board area is about
// 62 × 27 rem; a card is about 8.6 em wide and `cardEm` tall (gaps included),
// and its text never grows past 1.1 rem.
export interface CardGrid {
	columns: number;
	rows: number;
	fontRem: number;
}

const WIDTH_REM = 62;
const HEIGHT_REM = 27;
const CARD_WIDTH_EM = 8.6;
const MAX_FONT_REM = 1.1;
const MIN_COLUMNS = 4;

export function cardGrid(cards: number, cardEm: number): CardGrid {
	let best: CardGrid = { columns: MIN_COLUMNS, rows: 1, fontRem: MAX_FONT_REM };
	if (cards <= MIN_COLUMNS) return best;
	best = { columns: 0, rows: 0, fontRem: 0 };
	for (let columns = MIN_COLUMNS; columns <= cards; columns++) {
		const rows = Math.ceil(cards / columns);
		const fontRem = Math.min(MAX_FONT_REM, WIDTH_REM / (columns * CARD_WIDTH_EM), HEIGHT_REM / (rows * cardEm));
		// Ties go to fewer columns: wider cards keep longer names whole.
		if (fontRem > best.fontRem + 1e-9) best = { columns, rows, fontRem };
	}
	return best;
}
