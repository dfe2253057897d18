/** Text safe in a table cell or list item: no HTML, no cell break, no code span, one line. */
export function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`|]/g, "\\$&")
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** 9400 → "9,400": fixed, not the machine's locale, so the text is the same everywhere. */
export function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
