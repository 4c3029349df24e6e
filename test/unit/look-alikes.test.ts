import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { idProblem, withLatinLookAlikes } from '../../server/src/service/schema/meant';
import { latinLookAlikes } from '../../server/src/service/schema/lookAlikes.generated';
import { latinLookAlikeTable, lookAlikesModule } from '../../scripts/lookAlikes';
import { check, cleanPlan, withChange } from './helpers';

async function messages(text: string, code: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.message);
}

/** Unicode's confusables data, as the package the table is generated from ships it. */
const confusables = JSON.parse(readFileSync(require.resolve('unhomoglyph/data.json'), 'utf8')) as Record<string, string>;

/** Letters that look like Latin ones, as Unicode's data says: Cyrillic а, о, е, с, р and Greek ο. */
const lookAlikes: ReadonlyArray<{ character: string; script: string; latin: string }> = [
  { character: '\u0430', script: 'cyrillic', latin: 'a' },
  { character: '\u043E', script: 'cyrillic', latin: 'o' },
  { character: '\u0435', script: 'cyrillic', latin: 'e' },
  { character: '\u0441', script: 'cyrillic', latin: 'c' },
  { character: '\u0440', script: 'cyrillic', latin: 'p' },
  { character: '\u03BF', script: 'greek', latin: 'o' },
];

/** Letters a hand-made list took for Latin ones, which Unicode's data does not: Cyrillic в (like ʙ, not b), к, м, н, т. */
const notLookAlikes = ['\u0432', '\u043A', '\u043C', '\u043D', '\u0442'];

describe('letters of other scripts that look like Latin ones (Unicode\'s confusables, UTS #39)', () => {
  it('are those of Unicode\'s data: Cyrillic а, о, е, с, р and Greek ο look like a, o, e, c, p, o', () => {
    for (const { character, script, latin } of lookAlikes) {
      assert.deepEqual(idProblem(`x${character}y`), { kind: 'lookAlike', character, script, latin }, character);
      assert.equal(confusables[character], latin);
    }
    assert.equal(withLatinLookAlikes('\u0440i\u0441ku\u0440s'), 'pickups');
  });

  it('are not what merely resembles a Latin letter: the Cyrillic в is Cyrillic, and looks like no Latin letter', () => {
    for (const character of notLookAlikes) {
      assert.deepEqual(idProblem(`x${character}y`), { kind: 'script', character, script: 'cyrillic' }, character);
      assert.equal(withLatinLookAlikes(character), character);
    }
    // The data maps в to the small capital ʙ, which no id can hold either.
    assert.equal(confusables['\u0432'], '\u0299');
  });

  it('say so in a plan: an id with the Cyrillic р only looks like one with the Latin p; one with в is not Latin', async () => {
    const withKpiId = (id: string) => withChange('kpis:\n    - {id: pickups,', `kpis:\n    - {id: ${id},`);
    for (const { character, latin } of lookAlikes) {
      const [message] = await messages(withKpiId(`x${character}`), 'schema');
      const script = /[\u0370-\u03FF]/.test(character) ? 'Greek' : 'Cyrillic';
      assert.match(message, new RegExp(`"${character}" is ${script} and only looks like the Latin "${latin}"`), message);
    }
    const [message] = await messages(withKpiId('\u0432ход'), 'schema');
    assert.match(message, /"в" is not a Latin letter: it is Cyrillic/);
    assert.doesNotMatch(message, /looks like/);
  });

  it('name the id a reference was meant for, when swapping them for the Latin letters gives it', async () => {
    const cases: Array<[string, string, string]> = [
      ['kpis: [pickups]', 'kpis: [\u0440ickups]', 'No KPI has the id `рickups`: its "р" is Cyrillic and only looks like the Latin "p" of `pickups`.'],
      ['objective: share', 'objective: sh\u0430re', 'No strategy objective has the id `shаre`: its "а" is Cyrillic and only looks like the Latin "a" of `share`.'],
      ['audience: office', 'audience: \u043Effice', 'No segment has the id `оffice`: its "о" is Cyrillic and only looks like the Latin "o" of `office`.'],
      ['audience: office', 'audience: offi\u0441e', 'No segment has the id `offiсe`: its "с" is Cyrillic and only looks like the Latin "c" of `office`.'],
      ['audience: office', 'audience: offic\u0435', 'No segment has the id `officе`: its "е" is Cyrillic and only looks like the Latin "e" of `office`.'],
      ['audience: office', 'audience: \u03BFffice', 'No segment has the id `οffice`: its "ο" is Greek and only looks like the Latin "o" of `office`.'],
    ];
    for (const [from, to, expected] of cases) assert.deepEqual(await messages(withChange(from, to), 'ref/unknown'), [expected]);
  });

  it('do not take the Cyrillic в for a Latin b in a reference: the id is only offered as a close one', async () => {
    const text = cleanPlan
      .replace('{id: events, type: events}', '{id: banners, type: display}')
      .replace('{channel: events, amount', '{channel: banners, amount')
      .replace('channels: [social, events]', 'channels: [social, \u0432anners]');
    assert.deepEqual(await messages(text, 'ref/unknown'), ['No channel has the id `вanners` (did you mean `banners`?).']);
  });

  it('come from the package\'s data, as `npm run generate` writes them: every entry is Unicode\'s prototype for its character', () => {
    assert.deepEqual(latinLookAlikes, Object.fromEntries(latinLookAlikeTable().map(({ character, latin }) => [character, latin])));
    assert.equal(readFileSync(require.resolve('../../server/src/service/schema/lookAlikes.generated.ts'), 'utf8'), lookAlikesModule());
    const entries = Object.entries(latinLookAlikes);
    assert.ok(entries.length >= 100 && entries.length <= 200, `${entries.length} entries`);
    for (const [character, latin] of entries) {
      assert.equal(confusables[character], latin, character);
      assert.match(latin, /^[A-Za-z]$/);
      assert.ok(idProblem(character)?.kind === 'lookAlike', character);
    }
  });

  it('would see a letter the data does not hold: the table is built from the data it is given', () => {
    assert.deepEqual(latinLookAlikeTable({ '\u0432': 'b', '\u0431': '6', '\u0561': 'w', 'rn': 'm', '\u0430': 'a' }), [
      { character: '\u0430', latin: 'a', script: 'cyrillic' },
      { character: '\u0432', latin: 'b', script: 'cyrillic' },
    ]);
  });
});
