/**
 * The shapes of the parameters the server reads from each request, checked at its door: a client
 * that sends a malformed one (`context.only` as one text, no `position`, a `range` of strings) is
 * told which field is wrong, rather than answered with an internal error from inside a handler.
 */

/** A check of one value: undefined where it has its shape, else the path under it of the part that does not ('' for itself). */
export type ParamsCheck = (value: unknown) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const under = (name: string, rest: string) => (rest === '' ? name : `${name}.${rest}`);

const text: ParamsCheck = (value) => (typeof value === 'string' ? undefined : '');
const flag: ParamsCheck = (value) => (typeof value === 'boolean' ? undefined : '');
/** A line or a character of a position: an unsigned integer, as the protocol has it. */
const count: ParamsCheck = (value) => (Number.isInteger(value) && (value as number) >= 0 ? undefined : '');
const oneOf =
  (...allowed: string[]): ParamsCheck =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : '';
const optional =
  (check: ParamsCheck): ParamsCheck =>
  (value) =>
    value === undefined || value === null ? undefined : check(value);

function listOf(check: ParamsCheck): ParamsCheck {
  return (value) => {
    if (!Array.isArray(value)) return '';
    for (let index = 0; index < value.length; index++) {
      const wrong = check(value[index]);
      if (wrong !== undefined) return under(String(index), wrong);
    }
    return undefined;
  };
}

function shape(fields: Record<string, ParamsCheck>): ParamsCheck {
  return (value) => {
    if (!isRecord(value)) return '';
    for (const [name, check] of Object.entries(fields)) {
      const wrong = check(value[name]);
      if (wrong !== undefined) return under(name, wrong);
    }
    return undefined;
  };
}

const position = shape({ line: count, character: count });
const range = shape({ start: position, end: position });
const textDocument = shape({ uri: text });

/** What each request the server answers must carry, as far as the server reads it. */
export const requestParams = {
  document: shape({ textDocument }),
  position: shape({ textDocument, position }),
  references: shape({ textDocument, position, context: shape({ includeDeclaration: flag }) }),
  rename: shape({ textDocument, position, newName: text }),
  codeAction: shape({ textDocument, range, context: shape({ only: optional(listOf(text)) }) }),
  inlayHint: shape({ textDocument, range }),
  workspaceSymbol: shape({ query: text }),
  diagnostic: shape({ textDocument, previousResultId: optional(text) }),
  workspaceDiagnostic: shape({ previousResultIds: listOf(shape({ uri: text, value: text })) }),
  // The preview's `width` is read where it is used: one that is no number draws at the default width.
  preview: shape({ uri: text, today: text }),
  export: shape({ uri: text, format: oneOf('html', 'md'), today: text, changed: optional(flag) }),
  compare: shape({ uri: text, commit: text, revision: text, repository: text }),
} satisfies Record<string, ParamsCheck>;
