import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';

const cli = nodePath.join(__dirname, '../../dist/cli.js');
const examples = nodePath.join(__dirname, '../../examples');

function run(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['LANGUAGE', 'LANG', 'LC_ALL', 'LC_MESSAGES'].includes(key)));
  return spawnSync(process.execPath, [cli, 'check', ...args], { cwd: examples, encoding: 'utf8', env: { ...clean, ...env } });
}

describe('the CLI in the users\' languages', () => {
  it('speaks Russian with --locale ru: messages, plurals and the summary', () => {
    const result = run(['--locale', 'ru', 'draft.mktplan.yaml']);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /[а-яё]{4,}/i);
    assert.doesNotMatch(result.stdout, /This plan has no|problems? \(/);
    assert.match(result.stdout, /12 (проблем|замечаний|находок)/);
  });

  it('speaks Vietnamese with LANG=vi_VN.UTF-8, numbers written as Vietnamese writes them', () => {
    const result = run(['draft.mktplan.yaml'], { LANG: 'vi_VN.UTF-8' });
    assert.match(result.stdout, /[ạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựỳỷỹ]/);
    assert.match(result.stdout, /23\.000/);
    assert.doesNotMatch(result.stdout, /This plan has no/);
  });

  it('speaks Chinese with LC_ALL=zh_CN.UTF-8', () => {
    const result = run(['draft.mktplan.yaml'], { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' });
    assert.match(result.stdout, /[\u4e00-\u9fff]{2,}/);
    assert.doesNotMatch(result.stdout, /This plan has no/);
  });

  it('writes SARIF rule texts and pages in the locale', () => {
    const sarif = JSON.parse(run(['--locale', 'ru', '--format', 'sarif', 'draft.mktplan.yaml']).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((entry: { id: string }) => entry.id === 'plan/kpis-missing');
    assert.match(rule.shortDescription.text, /[а-яё]{4,}/i);
    assert.match(rule.helpUri, /docs\/rules\/ru\/plan\/kpis-missing\.md$/);
    assert.match(sarif.runs[0].results[0].message.text, /[а-яё]{4,}/i);
  });

  it('reads the environment as GNU programs do: LANGUAGE first, then LC_ALL, LC_MESSAGES, LANG; empty is unset', () => {
    const russian = /[а-яё]{4,}/i;
    assert.match(run(['draft.mktplan.yaml'], { LANGUAGE: 'ru', LC_ALL: 'en_US.UTF-8' }).stdout, russian);
    assert.match(run(['draft.mktplan.yaml'], { LANGUAGE: 'fr:ru:vi', LANG: 'en_US.UTF-8' }).stdout, russian, 'the first language of the list spoken here');
    assert.match(run(['draft.mktplan.yaml'], { LANGUAGE: 'ru', LANG: 'C' }).stdout, /This plan has no/, 'the C locale sets LANGUAGE aside');
    assert.match(run(['draft.mktplan.yaml'], { LANGUAGE: '', LC_ALL: '', LC_MESSAGES: 'ru_RU.UTF-8', LANG: 'vi_VN.UTF-8' }).stdout, russian);
    assert.match(run(['draft.mktplan.yaml'], { LC_ALL: '', LANG: 'ru_RU.UTF-8' }).stdout, russian);
  });

  it('falls back to English for a language it does not speak', () => {
    assert.match(run(['--locale', 'fr', 'draft.mktplan.yaml']).stdout, /This plan has no/);
  });
});
