// The smallest text a wallboard may show, defined once: the wall layout hands
// it to every board's styles as --wall-min-text, and the e2e check
// (tests/e2e/wall-text-suite.ts) fails on any text below it.
//
// Why 0.9 rem: on the wall one rem is 1/64 of the screen's width (20 px at
// 720p, 30 px at 1080p, 60 px at 4K), so 0.9 rem is 18 / 27 / 54 px — the
// same share of the screen at every size. On a 55-inch TV (1.21 m wide) that
// is 17 mm per em: Latin capitals about 12 mm and CJK characters about 15 mm
// high, which at 5 m subtend 8 and 10 minutes of arc — comfortably above the
// 5 minutes of a 20/20 letter, so labels stay readable across the room.
// What people read at a glance (the figures) is 1.5 rem and more.
export const WALL_MIN_TEXT_REM = 0.9;
