/** Saves text as a file the way the browser (and Electron) download it. */
export function downloadText(text: string, fileName: string): void {
  // Windows PowerShell 5.1 reads a script without a BOM as ANSI: non-ASCII text would be garbled.
  const bom = fileName.endsWith('.ps1') ? '\ufeff' : '';
  const url = URL.createObjectURL(new Blob([bom + text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
