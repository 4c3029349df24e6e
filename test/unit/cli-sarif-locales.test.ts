import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { reportText, sarifWriter } from '../../server/src/cli/formats';
import { ruleDescriptions } from '../../server/src/cli/ruleDescriptions.generated';
import { rulePage, rules, translatorFor } from '../../server/src/service';

const repository = nodePath.join(__dirname, '../..');
const cli = nodePath.join(repository, 'dist/cli.js');
const examples = nodePath.join(repository, 'examples');

interface SarifRule {
  id: string;
  fullDescription: { text: string; markdown: string };
  help: { text: string; markdown: string };
  helpUri: string;
}

/** `mktplan check --format sarif --locale <locale>` on a draft plan, as a CI job would run it. */
function sarifIn(locale: string): { rules: SarifRule[]; log: unknown } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['LANGUAGE', 'LANG', 'LC_ALL', 'LC_MESSAGES'].includes(key)));
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'sarif', '--locale', locale, 'draft.mktplan.yaml'], { cwd: examples, encoding: 'utf8', env: clean });
  assert.equal(result.status, 1, result.stderr);
  const log = JSON.parse(result.stdout) as { runs: Array<{ tool: { driver: { rules: SarifRule[] } } }> };
  return { rules: log.runs[0].tool.driver.rules, log };
}

/** The first paragraph under a heading of a rule page, read here on its own: the page's words, with the Markdown of its links and bold left out. */
function pageParagraph(file: string, heading: string | undefined): string {
  const text = readFileSync(nodePath.join(repository, file), 'utf8');
  const after = heading === undefined ? text.slice(text.indexOf('<!-- End of the generated block. -->')) : text.slice(text.indexOf(`\n## ${heading}\n`) + heading.length + 5);
  const paragraph = after.split(/\n\s*\n/).map((block) => block.trim()).find((block) => block !== '' && !block.startsWith('<!--'))!;
  return paragraph.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\s*\n\s*/g, ' ');
}

const fixHeadings = { vi: 'Cách sửa', 'zh-cn': '修复方法', ru: 'Как исправить' } as const;
const scriptOf = { vi: /[ạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựỳỷỹđ]/i, 'zh-cn': /[\u4e00-\u9fff]{2}/, ru: /[а-яё]{4}/i } as const;

describe('SARIF rule help in the reader\'s language (dist/cli.js --format sarif --locale)', () => {
  const english = ruleDescriptions.en['strategy/swot-missing'];

  for (const locale of ['vi', 'zh-cn', 'ru'] as const) {
    it(`${locale}: the help of strategy/swot-missing is its page's own text, "how to fix it" included, not empty and not English`, () => {
      const { rules: sarifRules } = sarifIn(locale);
      const rule = sarifRules.find((entry) => entry.id === 'strategy/swot-missing')!;
      const page = `docs/rules/${locale}/strategy/swot-missing.md`;
      const fix = pageParagraph(page, fixHeadings[locale]);
      const description = pageParagraph(page, undefined);
      assert.ok(fix.length > 20 && scriptOf[locale].test(fix), `the page's fix: ${fix}`);
      assert.ok(rule.help.text.includes(fix), rule.help.text);
      assert.ok(rule.help.markdown.includes(fix), rule.help.markdown);
      assert.equal(rule.fullDescription.text, description);
      assert.ok(rule.help.text.startsWith(description), rule.help.text);
      // The link to the rule it names is made absolute, to the page in the same language.
      assert.ok(rule.fullDescription.markdown.includes(`(${rulePage('strategy/swot-incomplete', locale)})`), rule.fullDescription.markdown);
      assert.equal(rule.helpUri, rulePage('strategy/swot-missing', locale));
      for (const words of [english.fix.text, english.description.text, 'How to fix it', 'More, with examples']) assert.ok(!rule.help.text.includes(words), `English left: ${words}`);
    });
  }

  it('stays a valid SARIF 2.1.0 log in another language', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(nodePath.join(repository, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));
    const { log } = sarifIn('zh-cn');
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    // It says which language its messages are in.
    assert.equal((log as { runs: Array<{ language?: string }> }).runs[0].language, 'zh-CN');
  });

  it('gives every rule a description and a way to fix it in every language, each from its own page', () => {
    for (const locale of ['en', 'vi', 'zh-cn', 'ru'] as const) {
      const log = JSON.parse(reportText(sarifWriter('0', translatorFor(locale), repository), [])) as { runs: Array<{ tool: { driver: { rules: SarifRule[] } } }> };
      const sarifRules = log.runs[0].tool.driver.rules;
      assert.equal(sarifRules.length, rules.length);
      for (const rule of sarifRules) {
        const help = ruleDescriptions[locale][rule.id];
        assert.ok(help && help.fix.text.trim() !== '' && help.description.text.trim() !== '', `${locale} ${rule.id}`);
        assert.ok(rule.help.text.includes(help.fix.text) && rule.help.markdown.includes(help.fix.markdown), `${locale} ${rule.id}`);
        if (locale !== 'en') {
          assert.notEqual(help.fix.text, ruleDescriptions.en[rule.id].fix.text, `${locale} ${rule.id}`);
          assert.notEqual(help.description.text, ruleDescriptions.en[rule.id].description.text, `${locale} ${rule.id}`);
        }
      }
    }
  });
});
