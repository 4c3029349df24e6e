import { visibleCharacter } from '../service/features/escape';

/**
 * Text from a plan, a file name, a configuration or an error, escaped for where it goes: one
 * helper per target. Markdown's live in the engine, whose hover writes Markdown too.
 */
export { escapeMarkdown, inCodeSpan, messageMarkdown } from '../service/features/escape';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text from a plan or the catalogue, safe inside HTML and its attributes. A line break is a
 * character reference, which HTML reads the same, so that no line of the page starts with the
 * plan's text (`::error` is a workflow command to GitHub Actions); `##[` (a legacy one, anywhere
 * in a line) keeps its bracket as a reference; controls are shown as `\u001b`.
 */
export function escapeHtml(text: string): string {
  return markupForLogs(
    text
      .replace(/[&<>"']/g, (character) => htmlEscapes[character])
      .replace(/\r\n?|\n/g, '&#10;')
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, visibleCharacter),
  );
}

/** A message of the product's (a finding's) as HTML: escaped, its keys and values between backticks as code, as the editor shows them. */
export function messageHtml(message: string): string {
  return escapeHtml(message).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Markup whose text another library escaped (the charts' SVG), with `##[` written as `escapeHtml` writes it. */
export function markupForLogs(markup: string): string {
  return markup.replace(/##\[/g, '##&#91;');
}

/**
 * Controls, line and paragraph separators and the marks that reorder text (U+202E and its kin,
 * which make a line read other than it is).
 */
const terminalControls = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal or a CI log: every control shown as `\n` or `\u001b`, so that one finding
 * stays one line and no escape sequence retitles, clears or recolours the terminal; `##[` (a
 * legacy GitHub workflow command, read anywhere in a line) keeps its bracket as `\u005b`.
 */
export function escapeTerminal(text: string): string {
  return text.replace(terminalControls, visibleCharacter).replace(/##\[/g, '##\\u005b');
}

/** A workflow command's message, as the Actions toolkit's `escapeData` writes it. */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, as the Actions toolkit's `escapeProperty` writes it. */
export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * JSON text with `##[` written `##\u005b`: the same data to a reader of JSON, and no legacy
 * workflow command to GitHub Actions when the JSON is printed in its log. Outside strings JSON
 * has no `#`, so only strings change.
 */
export function escapeJsonForLogs(json: string): string {
  return json.replace(/##\[/g, '##\\u005b');
}
