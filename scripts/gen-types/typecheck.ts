// Test support: type-check TypeScript files, some of which may exist only in
// memory, with the options the app uses (strict, bundler resolution). Module
// resolution walks up from the file's path, so virtual files placed under the
// repo find node_modules (supabase-js, vitest) as real files would.
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = {
	strict: true,
	noEmit: true,
	skipLibCheck: true,
	target: ts.ScriptTarget.ES2022,
	module: ts.ModuleKind.ESNext,
	moduleResolution: ts.ModuleResolutionKind.Bundler,
	lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
	types: []
};

/** Diagnostics as "file:line: message" lines; empty when the files type-check. */
export function typecheck(rootFiles: string[], virtualFiles: Record<string, string> = {}): string[] {
	const host = ts.createCompilerHost(OPTIONS);
	const readFile = host.readFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	const getSourceFile = host.getSourceFile.bind(host);
	host.readFile = (name) => virtualFiles[name] ?? readFile(name);
	host.fileExists = (name) => name in virtualFiles || fileExists(name);
	host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
		const text = virtualFiles[name];
		return text === undefined
			? getSourceFile(name, languageVersion, onError, shouldCreate)
			: ts.createSourceFile(name, text, languageVersion);
	};
	const program = ts.createProgram([...rootFiles, ...Object.keys(virtualFiles)], OPTIONS, host);
	return ts.getPreEmitDiagnostics(program).map(describe);
}

function describe(diagnostic: ts.Diagnostic): string {
	const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
	if (!diagnostic.file || diagnostic.start === undefined) return message;
	const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
	return `${diagnostic.file.fileName}:${String(line + 1)}: ${message}`;
}
