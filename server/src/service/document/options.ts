/**
 * How every parse reads YAML: 1.2 core schema, plus merge keys (`<<: *base`), the one YAML 1.1
 * habit that docker-compose and GitLab CI made common; errors as codes and offsets only. The
 * schema is given, not left to the version: a `%YAML 1.1` directive would otherwise read `NO` as
 * false and `9:16` as 556, where the format reads every file as YAML 1.2. The YAML 1.1 types'
 * tags (`!!timestamp`, `!!binary`, `!!set` ...) are not resolved either: they would make a
 * `Date`, bytes or a `Set` of a value, none of which a plan holds; the value is read as written.
 */
export const yamlOptions = { prettyErrors: false, keepSourceTokens: false, logLevel: 'error', merge: true, schema: 'core', resolveKnownTags: false } as const;

/** Deeper nesting is refused: a plan nests a few levels, and every reader of the tree stays far from the stack's limit. */
export const maxNestingDepth = 256;
