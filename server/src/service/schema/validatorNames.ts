/** The name a compiled validator is exported under, from the `file#pointer` of its schema. */
export function validatorName(ref: string): string {
  return 'validate_' + ref.replace(/[^A-Za-z0-9]+/g, '_');
}
