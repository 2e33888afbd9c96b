/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// A URL runs to the next space, quote, angle bracket or non-ASCII character: Chinese text often
// follows a link without a space ("访问https://…了解详情"), and the links templates get are ASCII.
const URL_PATTERN = /https?:\/\/[^\s<>"'\u0080-\uffff]+/g;
// Sentence punctuation right after a URL ends the sentence, not the URL.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** One paragraph's text as HTML: escaped, line breaks kept, http(s) URLs as links. */
function paragraphHtml(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    html += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return (html + escapeHtml(text.slice(last))).replace(/\r?\n/g, '<br>\n');
}

/** A template's plain text as HTML paragraphs: a blank line starts a new one. Nothing in the text becomes markup. */
export function textToHtml(text: string): string {
  return text
    .split(/(?:\r?\n){2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraphHtml(paragraph)}</p>`)
    .join('\n');
}

export interface EmailHtmlParts {
  lang: string;
  subject: string;
  /** The template's rendered plain text. */
  text: string;
  /** Already HTML (the unsubscribe note and link), set apart under the message. */
  footerHtml?: string;
}

/** A small, plain HTML document: inline styles only, as mail clients ignore style sheets. */
export function emailHtml({ lang, subject, text, footerHtml }: EmailHtmlParts): string {
  const footer = footerHtml
    ? `\n<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 12px">\n<p style="font-size:12px;color:#666">${footerHtml}</p>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,'PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#222">
<div style="max-width:600px;margin:0 auto">
${textToHtml(text)}${footer}
</div>
</body>
</html>
`;
}
