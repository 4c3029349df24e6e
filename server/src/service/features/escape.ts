/**
 * Text from a plan, a file name or an error, made safe for the Markdown the engine writes (hover)
 * and the report draws; `report/escape.ts` holds the other targets and re-exports these.
 */

/** A character shown rather than acted on, as a JavaScript string escapes it: `\n`, `\u001b`. */
export function visibleCharacter(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** C0 controls but the tab, DEL and C1 controls: no meaning in Markdown, and a terminal that shows the text acts on them. */
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const lineBreaks = /\r\n?|\n/g;

/**
 * The ASCII punctuation that opens or closes markup in CommonMark, GitHub's and GitLab's Markdown
 * wherever it stands: escapes, code, emphasis, strikethrough, links and images, raw HTML and
 * autolinks, table cells, headings, lists and setext underlines, mentions, math, inline diffs.
 * The rest (`&`, `.`, `:`, `)`) is markup only in the places handled below.
 */
const punctuation = /[\\`*_~[\]<>|#+\-=@${}]/g;

/**
 * Plan text as Markdown that reads as written and never as markup: one line (a line break is a
 * space, so that a table row or a list item stays whole), controls shown as `\u001b`, markup
 * characters backslash-escaped, `&` where it would start an entity. `1.` or `1)` no longer
 * starts a list, `www.` and `https://` no longer make a link, `::` no longer starts a workflow
 * command, and `##[` reads as text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(lineBreaks, ' ')
    .replace(controls, visibleCharacter)
    .replace(punctuation, '\\$&')
    .replace(/&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, '\\&')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/:(?=[:/])/g, '\\:');
}

/**
 * Plan text for a placeholder that a message puts between backticks: a code span shows it as
 * written, so only what would end the span early (a backtick, a blank line) or act outside it
 * is changed, in ways an id as the format allows it never meets. `##[` would still start a legacy
 * GitHub workflow command in the line, so its bracket is shown as `\u005b`.
 */
export function inCodeSpan(text: string): string {
  return text
    .replace(lineBreaks, ' ')
    .replace(controls, visibleCharacter)
    .replace(/`/g, "'")
    .replace(/##\[/g, '##\\u005b');
}

/**
 * A message of the product's own as Markdown: its only markup is the code spans it puts around ids
 * and keys taken from the file. Each span stays code (its text as `inCodeSpan` writes it); the text
 * between them is escaped as plan text, so nothing the file put in the message reads as markup.
 */
export function messageMarkdown(message: string): string {
  return message
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? `\`${inCodeSpan(part.slice(1, -1))}\`` : part === '' ? '' : escapeMarkdown(part)))
    .join('');
}
