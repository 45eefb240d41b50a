// Node has the WebAssembly global, but TypeScript declares it only in its DOM
// library, which the server's tsconfig leaves out on purpose (no browser
// globals in Node code). The part the PGlite worker uses is declared here,
// in a form that merges with the DOM library's where a config loads both.
declare namespace WebAssembly {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- opaque, like the real one
	interface Module {}
	function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
}
