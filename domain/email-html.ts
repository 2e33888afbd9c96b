/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// A URL runs to the next space, quote, angle bracket or non-ASCII character: Chinese text often
// follows a link without a space ("访问https://…了解详情"), and the links templates get are ASCII.
const URL_PATTERN = /https?:\/\/[^\s<>"'\u0080-\uffff]+/g;
// Sentence punctuation right after a URL ends the sentence, not the URL.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Where a link in the message leads: the URL itself, or (click tracking) a redirect that records the click. */
export type LinkHref = (url: string) => string;

/** One paragraph's text as HTML: escaped, line breaks kept, http(s) URLs as links. */
function paragraphHtml(text: string, href: LinkHref): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    html += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(href(url))}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return (html + escapeHtml(text.slice(last))).replace(/\r?\n/g, '<br>\n');
}

/** A template's plain text as HTML paragraphs: a blank line starts a new one. Nothing in the text becomes markup. */
export function textToHtml(text: string, href: LinkHref = (url) => url): string {
  return text
    .split(/(?:\r?\n){2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraphHtml(paragraph, href)}</p>`)
    .join('\n');
}
