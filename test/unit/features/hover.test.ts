import { strict as assert } from 'node:assert';
import { Engine, type Hover, type Range, type Settings } from '../../../server/src/service';
import { MemoryWorkspace, cleanPlan } from '../helpers';
import { cursor, withCursor } from './cursor';
import { importingPlan, strategyFile } from './fixtures';

interface Hovered {
  hover: Hover | undefined;
  /** The text the hover's range covers, when it has one. */
  covered: string | undefined;
}

/** Hover at the `$$` marker of a text checked as `/workspace/plan.mktplan.yaml`, with other files of the workspace given. */
async function hoverAt(marked: string, options: { files?: Record<string, string>; settings?: Settings } = {}): Promise<Hovered> {
  const { text, position } = cursor(marked);
  const workspace = new MemoryWorkspace({ ...options.files, 'plan.mktplan.yaml': text });
  const hover = await new Engine(workspace).hover(workspace.resolve('plan.mktplan.yaml'), text, position, options.settings);
  return { hover, covered: hover?.range && covered(text, hover.range) };
}

function covered(text: string, range: Range): string {
  const lines = text.split('\n');
  const { start, end } = range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** A hover's markdown without the link to where the id is defined, which its own test checks. */
function withoutLink(markdown: string): string {
  return markdown.replace(/\n\n\[Defined in [^\]]+\]\([^)]+\)$/, '');
}

/** The markdown of a hover that must be there. */
function markdown({ hover }: Hovered): string {
  assert.ok(hover, 'expected a hover, got none');
  assert.equal(hover.contents.kind, 'markdown');
  return hover.contents.value;
}

const inClean = (from: string, to: string) => withCursor(from, to, cleanPlan);

describe('hover (engine)', () => {
  describe('on a key', () => {
    it('shows the title, the description and the source of the key', async () => {
      const value = markdown(await hoverAt(inClean('plan:\n  owner: minh', 'plan:\n  ow$$ner: minh')));
      assert.ok(value.startsWith('**Plan owner**\n\n'), value);
      assert.match(value, /The `id` of the team member who runs the plan/);
      assert.match(value, /\n\nSource: \[\*Lãnh Đạo và Quản Lý Marketing: Sự Khác Biệt và Vai Trò Quan Trọng Trong Doanh Nghiệp\*\]\(https:\/\/github\.com\/mktplan\/mktplan\/blob\/main\/docs\/sources\.md#leadership-and-management\) \(Marketing leadership and management: the difference and their role in a company\)$/);
    });

    it('describes the key by where it stands, not by its name alone', async () => {
      const value = markdown(await hoverAt(inClean('strategy:\n  owner: linh', 'strategy:\n  ow$$ner: linh')));
      assert.ok(value.startsWith('**Strategy owner**\n\n'), value);
      assert.match(value, /owns the strategy/);
      assert.doesNotMatch(value, /Plan owner|runs the plan/);
    });

    it('shows the key of an id definition, not the thing the id names', async () => {
      const value = markdown(await hoverAt(inClean('{id: linh, role: cmo', '{id: li$$nh, role: cmo')));
      assert.ok(value.startsWith('**Member id**'), value);
      assert.doesNotMatch(value, /Team member `linh`|Tran Linh/);
    });
  });

  describe('on an enum value', () => {
    it('shows the definition of the value in a block of the team', async () => {
      const value = markdown(await hoverAt(inClean('{id: linh, role: cmo', '{id: linh, role: c$$mo')));
      assert.ok(value.startsWith('**`cmo`: CMO**\n\n'), value);
      assert.match(value, /Chief Marketing Officer/);
      assert.match(value, /\n\nSource: \[\*Chief Sales Officer vs Chief Marketing Officer\*\]\(https:\/\/github\.com\/mktplan\/mktplan\/blob\/main\/docs\/sources\.md#cso-and-cmo\)$/);
      // The value's own definition, not the key's and not another value's.
      assert.doesNotMatch(value, /\*\*Role\*\*|Chief executive/);
    });

    it('shows the definition of the competitive approach', async () => {
      const value = markdown(await hoverAt(inClean('approach: differentiation', 'approach: diff$$erentiation')));
      assert.ok(value.startsWith('**`differentiation`: Differentiation**\n\n'), value);
      assert.match(value, /offering something rivals don't/);
      assert.match(value, /Source: \[\*Chiến lược Marketing và Kế hoạch Marketing/);
    });

    it('falls back to the key and the finding when the value is not one of the enum', async () => {
      const value = markdown(await hoverAt(inClean('{id: linh, role: cmo', '{id: linh, role: bo$$ss')));
      assert.ok(value.startsWith('**Role**\n\n'), value);
      assert.doesNotMatch(value, /`boss`:/);
      assert.match(value, /\*\*error `schema`\*\*/);
    });
  });

  describe('on a rule of mktplan.config.yaml', () => {
    async function configHover(locale: string): Promise<string> {
      const { text, position } = cursor('rules:\n  budget/over-all$$ocated: warning\n');
      const workspace = new MemoryWorkspace({ 'mktplan.config.yaml': text });
      const hover = await new Engine(workspace).hover(workspace.resolve('mktplan.config.yaml'), text, position, { locale });
      return markdown({ hover, covered: undefined });
    }

    it("links to the rule's page in the reader's language, whatever page its description names", async () => {
      for (const locale of ['vi', 'zh-cn', 'ru']) {
        const value = await configHover(locale);
        const links = value.match(/\(https:\/\/github\.com\/mktplan\/mktplan\/blob\/main\/docs\/rules\/[^)]*\)/g) ?? [];
        assert.deepEqual(links, [`(https://github.com/mktplan/mktplan/blob/main/docs/rules/${locale}/budget/over-allocated.md)`], value);
      }
      assert.match(await configHover('en'), /\(https:\/\/github\.com\/mktplan\/mktplan\/blob\/main\/docs\/rules\/budget\/over-allocated\.md\)/);
    });
  });

  describe('on an id reference', () => {
    it('shows the team member: name and role', async () => {
      const value = markdown(await hoverAt(inClean('strategy:\n  owner: linh', 'strategy:\n  owner: li$$nh')));
      assert.equal(withoutLink(value), '**Team member `linh`**\n- Name: Tran Linh\n- Role: `cmo` (CMO)');
    });

    it('shows the member named, not another one', async () => {
      const value = markdown(await hoverAt(inClean('salesAlignment: {owner: hoa', 'salesAlignment: {owner: h$$oa')));
      assert.equal(withoutLink(value), '**Team member `hoa`**\n- Name: Pham Hoa\n- Role: `cso` (CSO)');
    });

    it('shows a channel with its type inside a flow list', async () => {
      const value = markdown(await hoverAt(inClean('channels: [social, events]', 'channels: [social, ev$$ents]')));
      assert.equal(withoutLink(value), '**Channel `events`**\n- Type: events');
    });

    it("writes the target, the unit and the due date of what an id names as the reader's language does, never as ISO", async () => {
      const marked = inClean('objective: share', 'objective: sh$$are');
      const english = withoutLink(markdown(await hoverAt(marked)));
      assert.ok(english.endsWith('\n- Target: 15%\n- Due: Dec 31, 2029'), english);
      // Without the link to where it is defined, in any language.
      const facts = async (locale: string, at = marked) => markdown(await hoverAt(at, { settings: { locale } })).replace(/\n\n\[[^\]]+\]\([^)]+\)$/, '');
      const russian = await facts('ru');
      assert.ok(russian.endsWith('15\u00a0%\n- Срок: 31 декабря 2029\u00a0г.'), russian);
      const vietnamese = await facts('vi');
      assert.ok(vietnamese.endsWith('15%\n- Hạn: 31/12/2029'), vietnamese);
      assert.doesNotMatch(vietnamese + russian + english, /2029-12-31/);
      const kpi = await facts('ru', inClean('kpis: [pickups]', 'kpis: [pi$$ckups]'));
      assert.match(kpi, /: 20\u00a0000\u00a0orders\n/);
    });

    it('says which file an imported id comes from', async () => {
      const files = { 'strategy.mktplan.yaml': strategyFile };
      const member = markdown(await hoverAt(withCursor('owner: binh', 'owner: bi$$nh', importingPlan), { files }));
      assert.equal(withoutLink(member), '**Team member `binh` (from `strategy.mktplan.yaml`)**\n- Name: Do Binh\n- Role: `marketing-manager` (Marketing manager)');
      const objective = markdown(await hoverAt(withCursor('[growth]', '[gro$$wth]', importingPlan), { files }));
      assert.equal(withoutLink(objective), '**Strategy objective `growth` (from `strategy.mktplan.yaml`)**\n- Statement: Grow revenue');
    });

    it('finds no channel in an import, which lends only team members, objectives and segments', async () => {
      const files = { 'strategy.mktplan.yaml': strategyFile };
      const value = markdown(await hoverAt(withCursor('channels: [social]}', 'channels: [ra$$dio]}', importingPlan), { files }));
      assert.ok(value.startsWith('No channel has the id `radio`.'), value);
      assert.match(value, /ref\/unknown/);
    });

    it('links to where the id is defined, in this file or the one that defines it', async () => {
      const files = { 'strategy.mktplan.yaml': strategyFile };
      const imported = markdown(await hoverAt(withCursor('owner: binh', 'owner: bi$$nh', importingPlan), { files }));
      assert.match(imported, /\n\n\[Defined in strategy\.mktplan\.yaml, line 5\]\(file:\/\/\/workspace\/strategy\.mktplan\.yaml#L5\)$/);
      const local = markdown(await hoverAt(withCursor('owner: binh', 'owner: c$$hi', importingPlan), { files }));
      assert.match(local, /\[Defined in plan\.mktplan\.yaml, line 4\]\(file:\/\/\/workspace\/plan\.mktplan\.yaml#L4\)$/);
    });

    it('does not say "from" for an id of the file itself', async () => {
      const files = { 'strategy.mktplan.yaml': strategyFile };
      const text = withCursor('owner: binh', 'owner: c$$hi', importingPlan);
      const value = markdown(await hoverAt(text, { files }));
      assert.equal(withoutLink(value), '**Team member `chi`**\n- Name: Vo Chi\n- Role: `marketing-specialist` (Marketing specialist)');
    });

    it('says that no such thing exists for an unknown id', async () => {
      const value = markdown(await hoverAt(inClean('plan:\n  owner: minh', 'plan:\n  owner: zz$$z')));
      assert.ok(value.startsWith('No team member has the id `zzz`.'), value);
      assert.doesNotMatch(value, /\*\*Team member/);
    });

    it('looks for an id among things of the kind the reference wants', async () => {
      // `minh` is a team member, not an objective.
      const value = markdown(await hoverAt(inClean('implements: [share]', 'implements: [mi$$nh]')));
      assert.ok(value.startsWith('No strategy objective has the id `minh`.'), value);
      assert.doesNotMatch(value, /Le Minh/);
    });
  });

  describe('findings', () => {
    it('lists the finding under the cursor with its rule id and a link about the rule', async () => {
      const value = markdown(await hoverAt(inClean('plan:\n  owner: minh', 'plan:\n  owner: zz$$z')));
      const [, finding] = value.split('\n\n---\n\n');
      assert.match(finding, /^\*\*error `ref\/unknown`\*\*: An id reference points at nothing/);
      assert.match(finding, /\[About this rule\]\(https:\/\/\S+\/docs\/rules\/ref\/unknown\.md\)$/);
    });

    it('leaves the findings to an editor that shows them in its own hover: the definition alone, once', async () => {
      const { text, position } = cursor(inClean('plan:\n  owner: minh', 'plan:\n  owner: zz$$z'));
      const workspace = new MemoryWorkspace({ 'plan.mktplan.yaml': text });
      const hover = await new Engine(workspace).hover(workspace.resolve('plan.mktplan.yaml'), text, position, {}, { findings: false });
      assert.equal(hover?.contents.value, 'No team member has the id `zzz`.');
    });

    it('shows the severity the settings give the rule, and nothing of a rule turned off', async () => {
      const text = inClean('plan:\n  owner: minh', 'plan:\n  owner: zz$$z');
      const warning = markdown(await hoverAt(text, { settings: { rules: { 'ref/unknown': 'warning' } } }));
      assert.match(warning, /\*\*warning `ref\/unknown`\*\*/);
      const off = markdown(await hoverAt(text, { settings: { rules: { 'ref/unknown': 'off' } } }));
      assert.equal(off, 'No team member has the id `zzz`.');
    });

    it('lists no finding where the plan has none', async () => {
      const value = markdown(await hoverAt(inClean('plan:\n  owner: minh', 'plan:\n  owner: mi$$nh')));
      assert.doesNotMatch(value, /About this rule|---/);
    });
  });

  describe('where there is nothing to say', () => {
    it('returns undefined on a comment', async () => {
      const marked = inClean('title: Saigon', '# The cafe chain of Saig$$on Bean\ntitle: Saigon');
      assert.equal((await hoverAt(marked)).hover, undefined);
      // A comment at the end of a line that has a key.
      assert.equal((await hoverAt(inClean('plan:\n  owner: minh', 'plan:\n  owner: minh # the man$$ager'))).hover, undefined);
    });

    it('returns undefined on a blank line', async () => {
      assert.equal((await hoverAt(inClean('plan:\n', '\n$$\nplan:\n'))).hover, undefined);
      assert.equal((await hoverAt(inClean('plan:\n', '\n    $$\nplan:\n'))).hover, undefined);
    });

    it('keeps quiet on indentation, between flow items, after a line and after the text', async () => {
      const quiet = [
        inClean('  - {id: linh', '$$  - {id: linh'),
        inClean('  - {id: linh, role: cmo', '  - {id: linh,$$ role: cmo'),
        inClean('plan:\n  owner: minh', 'plan:\n  owner: minh   $$'),
        inClean('team:\n', 'team:$$\n'),
        cleanPlan + '$$',
      ];
      for (const marked of quiet) assert.equal((await hoverAt(marked)).hover, undefined, JSON.stringify(marked.slice(marked.indexOf('$$') - 20, marked.indexOf('$$') + 10)));
    });
  });

  describe('range', () => {
    it('covers the key under the cursor', async () => {
      assert.equal((await hoverAt(inClean('plan:\n  owner: minh', 'plan:\n  ow$$ner: minh'))).covered, 'owner');
    });

    it('covers the id under the cursor, from its first to its last character', async () => {
      for (const marked of ['$$linh', 'li$$nh', 'linh$$']) {
        assert.equal((await hoverAt(inClean('strategy:\n  owner: linh', `strategy:\n  owner: ${marked}`))).covered, 'linh', marked);
      }
    });

    it('covers one item of a flow list, not the list', async () => {
      assert.equal((await hoverAt(inClean('channels: [social, events]', 'channels: [social, ev$$ents]'))).covered, 'events');
    });

    it('covers a whole plain scalar of free text', async () => {
      assert.equal((await hoverAt(inClean('title: Saigon Bean', 'title: Saigon B$$ean'))).covered, 'Saigon Bean — marketing 2027');
    });

    it('counts characters in UTF-16 units after an emoji on the line', async () => {
      const marked = inClean('  - {id: minh, role: marketing-manager, name: Le Minh}', '  - {id: minh, name: "Le 🚀 Minh", role: marketing-man$$ager}');
      const hovered = await hoverAt(marked);
      assert.ok(markdown(hovered).startsWith('**`marketing-manager`: Marketing manager**'));
      assert.equal(hovered.covered, 'marketing-manager');
    });
  });
});

describe('hover: the article a definition comes from', () => {
  const onTotal = inClean('    total: 50000', '    to$$tal: 50000');

  it('names an article in another language by its own title, glossed in the reader\'s language', async () => {
    assert.match(markdown(await hoverAt(onTotal, { settings: { locale: 'vi' } })), /\[\*什么是营销总监\*\]\([^)]+#marketing-director\) \(Giám đốc marketing là gì\)$/);
    assert.match(markdown(await hoverAt(onTotal, { settings: { locale: 'ru' } })), /\[\*什么是营销总监\*\]\([^)]+\) \(Кто такой директор по маркетингу\)$/);
    assert.match(markdown(await hoverAt(onTotal)), /\[\*什么是营销总监\*\]\([^)]+\) \(What is a marketing director\)$/);
  });

  it('glosses nothing for a reader of the article\'s own language, and no English is left in another\'s', async () => {
    const chinese = markdown(await hoverAt(onTotal, { settings: { locale: 'zh-cn' } }));
    assert.match(chinese, /来源：\[《什么是营销总监》\]\([^)]+\)$/);
    for (const locale of ['vi', 'zh-cn', 'ru']) assert.doesNotMatch(markdown(await hoverAt(onTotal, { settings: { locale } })), /What is a marketing director/, locale);
  });
});
