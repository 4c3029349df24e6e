import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { environmentLocale } from '../../server/src/cli/environment';

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

  describe('the environment, each case as a terminal would set it (dist/cli.js run with only these variables)', () => {
    const languages = {
      en: /This plan has no/,
      vi: /[ạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựỳỷỹ]/,
      'zh-cn': /[\u4e00-\u9fff]{2,}/,
      ru: /[а-яё]{4,}/i,
    } as const;
    const cases: Array<[string, Record<string, string>, keyof typeof languages]> = [
      ['LANGUAGE=ru:vi: the first of the list', { LANGUAGE: 'ru:vi' }, 'ru'],
      ['LANGUAGE=fr:vi: the first of the list spoken here', { LANGUAGE: 'fr:vi' }, 'vi'],
      ['LC_ALL= (empty, so unset) and LANG=vi_VN.UTF-8', { LC_ALL: '', LANG: 'vi_VN.UTF-8' }, 'vi'],
      ['LC_ALL=zh_CN.UTF-8 over LANG=ru_RU.UTF-8', { LC_ALL: 'zh_CN.UTF-8', LANG: 'ru_RU.UTF-8' }, 'zh-cn'],
      ['LC_MESSAGES=ru_RU.UTF-8', { LC_MESSAGES: 'ru_RU.UTF-8' }, 'ru'],
      ['LANG=C', { LANG: 'C' }, 'en'],
    ];
    for (const [name, environment, locale] of cases) {
      it(`${name}: ${locale}`, () => {
        const result = run(['draft.mktplan.yaml'], environment);
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stdout, languages[locale]);
        for (const [other, pattern] of Object.entries(languages)) if (other !== locale && other !== 'en') assert.doesNotMatch(result.stdout, pattern, other);
        if (locale !== 'en') assert.doesNotMatch(result.stdout, languages.en);
      });
    }

    it('--locale wins over every variable', () => {
      assert.match(run(['--locale', 'vi', 'draft.mktplan.yaml'], { LANGUAGE: 'ru', LC_ALL: 'zh_CN.UTF-8' }).stdout, languages.vi);
    });
  });

  it('reads the variables in gettext\'s order, whatever else is set', () => {
    const cases: Array<[Record<string, string>, string | undefined]> = [
      [{}, undefined],
      [{ LANGUAGE: 'ru:vi' }, 'ru'],
      [{ LANGUAGE: 'fr:vi' }, 'vi'],
      [{ LANGUAGE: 'fr:de_AT:zh_CN' }, 'zh-cn'],
      [{ LANGUAGE: ':::vi' }, 'vi'],
      // English is spoken here: first in the list, it wins.
      [{ LANGUAGE: 'en_GB:ru', LANG: 'ru_RU.UTF-8' }, 'en'],
      // A list that names no language spoken here leaves the messages in English, as gettext leaves them untranslated.
      [{ LANGUAGE: 'fr:de', LANG: 'ru_RU.UTF-8' }, 'en'],
      [{ LANGUAGE: '', LANG: 'ru_RU.UTF-8' }, 'ru'],
      [{ LANGUAGE: 'vi', LC_ALL: 'C' }, 'en'],
      [{ LANGUAGE: 'vi', LANG: 'POSIX' }, 'en'],
      [{ LANGUAGE: 'vi', LANG: 'C.UTF-8' }, 'vi'],
      [{ LC_ALL: '', LC_MESSAGES: '', LANG: 'vi_VN.UTF-8' }, 'vi'],
      [{ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8', LANG: 'vi_VN.UTF-8' }, 'zh-cn'],
      [{ LC_MESSAGES: 'ru_RU.UTF-8', LANG: 'vi_VN.UTF-8' }, 'ru'],
      [{ LANG: 'zh_TW.UTF-8' }, 'en'],
      [{ LANG: 'ru_UA.KOI8-U' }, 'ru'],
      [{ LANG: 'vi_VN@currency' }, 'vi'],
      [{ LANG: 'C' }, 'en'],
    ];
    for (const [environment, expected] of cases) assert.equal(environmentLocale(environment), expected, JSON.stringify(environment));
  });

  it('falls back to English for a language it does not speak', () => {
    assert.match(run(['--locale', 'fr', 'draft.mktplan.yaml']).stdout, /This plan has no/);
  });
});
