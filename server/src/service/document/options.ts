/**
 * How every parse reads YAML: 1.2 core schema, plus merge keys (`<<: *base`), the one YAML 1.1
 * habit that docker-compose and GitLab CI made common; errors as codes and offsets only. The
 * schema is given, not left to the version: a `%YAML 1.1` directive would otherwise read `NO` as
 * false and `9:16` as 556, where the format reads every file as YAML 1.2.
 */
export const yamlOptions = { prettyErrors: false, keepSourceTokens: false, logLevel: 'error', merge: true, schema: 'core', resolveKnownTags: true } as const;

/** Deeper nesting is refused: a plan nests a few levels, and every reader of the tree stays far from the stack's limit. */
export const maxNestingDepth = 256;
