/**
 * How every parse reads YAML: 1.2 core schema, plus merge keys (`<<: *base`), the one YAML 1.1
 * habit that docker-compose and GitLab CI made common; errors as codes and offsets only.
 */
export const yamlOptions = { prettyErrors: false, keepSourceTokens: false, logLevel: 'error', merge: true } as const;

/** Deeper nesting is refused: a plan nests a few levels, and every reader of the tree stays far from the stack's limit. */
export const maxNestingDepth = 256;
