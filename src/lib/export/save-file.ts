// Hands a file made in the browser to the user as a download (the reports'
// CSV and XLSX exports), without keeping its memory once the download has it.
export function saveFile(blob: Blob, name: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	// The download has its own copy by then; the URL would only hold memory.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
