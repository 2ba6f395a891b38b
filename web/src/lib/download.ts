/** Hand a text file to the browser as a download. */
export function downloadText(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  // The byte-order mark lets spreadsheet programs read the file as UTF-8.
  const blob = new Blob(["\ufeff", text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
