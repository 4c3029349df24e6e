import { strict as assert } from 'node:assert';
import { Engine } from '../../server/src/service';
import { MemoryWorkspace, rangeOutside } from './helpers';
import { yamlSuiteCases } from './yamlSuite';

describe('the YAML test suite through the engine', function () {
  this.timeout(120_000);

  it('gives every case, valid or not, a result with every range inside the document', async () => {
    const cases = await yamlSuiteCases();
    assert.ok(cases.length > 350, `only ${cases.length} cases`);
    const engine = new Engine(new MemoryWorkspace());
    const problems: string[] = [];
    let invalidWithFindings = 0;
    for (const { id, yaml, fail } of cases) {
      const file = `/workspace/${id.replace('#', '-')}.mktplan.yaml`;
      try {
        const diagnostics = await engine.check(file, yaml);
        if (fail && diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax')) invalidWithFindings++;
        if (diagnostics.length === 0) problems.push(`${id}: no finding at all for a text that is not a plan`);
        for (const diagnostic of diagnostics) {
          const outside = rangeOutside(yaml, diagnostic.range);
          if (outside) problems.push(`${id}: ${diagnostic.code} ${outside}`);
        }
        const lines = yaml.split('\n');
        for (const line of [0, Math.floor(lines.length / 2), lines.length - 1]) {
          const position = { line, character: Math.floor(lines[line].length / 2) };
          const hover = await engine.hover(file, yaml, position);
          if (hover?.range && rangeOutside(yaml, hover.range)) problems.push(`${id}: hover range ${rangeOutside(yaml, hover.range)}`);
          for (const item of await engine.complete(file, yaml, position)) {
            if (item.textEdit && rangeOutside(yaml, item.textEdit.range)) problems.push(`${id}: completion range ${rangeOutside(yaml, item.textEdit.range)}`);
          }
        }
        for (const symbol of engine.symbols(file, yaml)) if (rangeOutside(yaml, symbol.range)) problems.push(`${id}: symbol ${rangeOutside(yaml, symbol.range)}`);
        for (const fold of engine.folding(file, yaml)) if (fold.endLine >= lines.length || fold.startLine > fold.endLine) problems.push(`${id}: folding ${fold.startLine}-${fold.endLine}`);
      } catch (error) {
        problems.push(`${id}: threw ${(error as Error).stack}`);
      }
    }
    assert.deepEqual(problems, []);
    // Most invalid cases are reported as YAML errors; the rest are accepted by the parser and still fail the schema.
    const invalid = cases.filter((entry) => entry.fail).length;
    assert.ok(invalidWithFindings > invalid * 0.8, `${invalidWithFindings} of ${invalid} invalid cases got a yaml-syntax finding`);
  });
});
