// Terminal exports come in whatever encoding the terminal's software was set
// to: UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode text"), or GBK,
// which Chinese face terminals and their PC software still write by default.
// A file says which only by its bytes, so this reads them and decides.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';

export interface DecodedText {
	text: string;
	encoding: TextEncoding;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

/**
 * UTF-16 without a BOM: text that is mostly ASCII has a zero in every other
 * byte, on the odd side for little-endian and the even side for big-endian.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	const sample = Math.min(bytes.length - (bytes.length % 2), 512);
	if (sample < 4) return undefined;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < sample; i += 2) {
		if (bytes[i] === 0) evenZeros++;
		if (bytes[i + 1] === 0) oddZeros++;
	}
	const pairs = sample / 2;
	if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
	if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
	return undefined;
}

/** The text of a terminal export and the encoding it was found to be in. */
export function decodeText(bytes: Uint8Array): DecodedText {
	// With a BOM the file says it; the decoders drop the BOM themselves.
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
	if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
	if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
	const utf16 = utf16WithoutBom(bytes);
	if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
	// Valid UTF-8 is almost never anything else: GBK's two-byte Chinese
	// characters are not valid UTF-8 sequences, so a strict decode tells them apart.
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// The WHATWG 'gbk' decoder is GB18030's, a superset, so a file written as GB18030 reads too.
		return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
	}
}
