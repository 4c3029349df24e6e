import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { LspClient, type PublishedDiagnostics } from './lspClient';

const fixture = nodePath.join(__dirname, '../fixtures/workspace');
const strategyText = readFileSync(nodePath.join(fixture, 'strategy.mktplan.yaml'), 'utf8');
const planText = readFileSync(nodePath.join(fixture, 'plans/south.mktplan.yaml'), 'utf8');
const configText = 'rules:\n  ref/unknown: error\n';
/** More plans than the server reports progress from, each importing the strategy. */
const planCount = 60;
/** Longer than the server's pause after a change, with room for a loaded machine. */
const quietMs = 1500;
/** Between keystrokes, as someone types: shorter than the server's pause, longer than its old debounce of a burst. */
const typingMs = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The strategy with its objective `thi-phan`, which every plan implements, renamed. */
const renamed = (id: string) => strategyText.replace('id: thi-phan,', `id: ${id},`);

/** A plan's findings as a client shows them, in a form that compares pushed with pulled. */
const shown = (diagnostics: PublishedDiagnostics['diagnostics']) =>
  diagnostics.map(({ code, severity, message, range }) => `${range.start.line}:${range.start.character} ${severity} ${code} ${message}`).sort();

describe('the language server on a workspace of many plans importing one strategy', function () {
  this.timeout(120_000);
  let folder: string;
  let client: LspClient;
  let planUris: string[];
  /** The plans with findings of their own: the only ones published by a check of the workspace. */
  let plansWithFindings: string[];
  const uri = (relative: string) => client.uri(relative);

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-scale-'));
    writeFileSync(nodePath.join(folder, 'strategy.mktplan.yaml'), strategyText);
    writeFileSync(nodePath.join(folder, 'mktplan.config.yaml'), configText);
    mkdirSync(nodePath.join(folder, 'plans'));
    const plans: string[] = [];
    const withFindings: string[] = [];
    for (let index = 0; index < planCount; index++) {
      const clean = planText.replace('(south)', `(${index})`);
      // Some plans have findings of their own: an audience no strategy defines, a budget that does not add up.
      const text = index % 10 === 3 ? clean.replace('audience: sinh-vien', 'audience: khong-co') : index % 10 === 6 ? clean.replace('total: 30000', 'total: 30001') : clean;
      const relative = `plans/plan-${String(index).padStart(2, '0')}.mktplan.yaml`;
      writeFileSync(nodePath.join(folder, relative), text);
      plans.push(relative);
      if (text !== clean) withFindings.push(relative);
    }
    client = new LspClient(folder);
    planUris = plans.map((relative) => uri(relative));
    plansWithFindings = withFindings.map((relative) => uri(relative));
  });
  afterEach(async () => {
    assert.equal(client.process.exitCode, null, 'the server is still running');
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const publishedSince = (since: number, file: string) => client.published.slice(since).filter((published) => published.uri === file);
  /** Waits until every plan has been published after `since`. */
  const allPublished = (since: number, what: string, plans = planUris) => client.until(() => plans.every((plan) => publishedSince(since, plan).length > 0), what, 60_000);
  /** Waits for a progress begun after the first `since` progress notifications to end: the server's check of many plans. */
  const progressEnded = (since: number, what: string) => client.until(() => client.progress.slice(since).some((progress) => progress.value.kind === 'end'), what, 60_000);
  /** Starts the server with a client that shows progress, and waits for the end of its first check of the workspace. */
  const firstCheck = async () => {
    await client.initialize(undefined, { workDoneProgress: true });
    await progressEnded(0, 'the first check of the workspace');
  };
  /** Waits until the server has published nothing and reported no progress for a while. */
  const quiet = async () => {
    for (;;) {
      const [published, progress] = [client.published.length, client.progress.length];
      await sleep(quietMs);
      if (client.published.length === published && client.progress.length === progress) return;
    }
  };
  /** Types the texts into an open document one after another, each answered before the next key; gives the last version. */
  const typeIn = async (document: string, texts: readonly string[], since: number) => {
    let version = 1;
    for (const text of texts) {
      await client.change(document, ++version, text);
      await client.diagnostics(document, (published) => published.version === version, since);
    }
    return version;
  };
  /** The first check of the workspace, then the strategy opened as on disk: the strategy, and the count of publications after which the next are counted. */
  const strategyOpenAfterFirstCheck = async () => {
    await firstCheck();
    const strategy = await client.open('strategy.mktplan.yaml', strategyText);
    await quiet();
    return { strategy, since: client.published.length };
  };
  /** Every closed plan's findings as a workspace pull gives them, partial results included. */
  const pullWorkspace = async (previousResultIds: Array<{ uri: string; value: string }> = []) => {
    const partialResultToken = `partial-${client.progress.length}`;
    const answer = await client.request<{ items: Array<{ uri: string; kind: string; resultId: string; items?: PublishedDiagnostics['diagnostics'] }> }>('workspace/diagnostic', {
      previousResultIds,
      partialResultToken,
    });
    const partial = client.progress.filter((progress) => progress.token === partialResultToken).flatMap((progress) => (progress.value.items ?? []) as typeof answer.items);
    return [...partial, ...answer.items];
  };

  it('checks the plans that import an edited strategy again once the typing pauses: once each, none during the burst, the strategy itself at once', async () => {
    const { strategy, since } = await strategyOpenAfterFirstCheck();
    // The edited file is answered before the next key.
    await typeIn(strategy, Array.from({ length: 8 }, (_, key) => renamed(`thi-phan${'x'.repeat(key + 1)}`)), since);
    const burst = client.published.slice(since);
    assert.deepEqual(
      burst.filter((published) => published.uri !== strategy).map((published) => published.uri),
      [],
      'no importing plan is published while the strategy is typed in',
    );
    assert.ok(burst.length >= 8, 'the strategy is published at each key');
    await allPublished(since, 'every importing plan checked after the pause');
    await quiet();
    assert.deepEqual(
      planUris.map((plan) => publishedSince(since, plan).length),
      planUris.map(() => 1),
      'one publication per importing plan',
    );
    for (const plan of planUris) {
      const [published] = publishedSince(since, plan);
      assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'ref/unknown' && diagnostic.message.includes('`thi-phan`')), `${plan} names the renamed objective`);
    }
  });

  it('checks none of the importing plans again for typing in what they do not read of the strategy', async () => {
    const { strategy, since } = await strategyOpenAfterFirstCheck();
    const typed = [...', mới'].map((_, count) => strategyText.replace('[vùng trà riêng]', `[vùng trà riêng${', mới'.slice(0, count + 1)}]`));
    let version = await typeIn(strategy, typed, since);
    await quiet();
    assert.deepEqual(new Set(client.published.slice(since).map((published) => published.uri)), new Set([strategy]));
    // An id the plans use, renamed after that, reaches them all.
    await client.change(strategy, ++version, renamed('thi-phan-moi'));
    await allPublished(since, 'every importing plan checked after the rename');
  });

  it('ends with the findings of the strategy as last typed for an importing plan edited at the same time', async () => {
    await firstCheck();
    const strategy = await client.open('strategy.mktplan.yaml', strategyText);
    const planPath = nodePath.join(folder, 'plans/plan-00.mktplan.yaml');
    const plan = await client.open('plans/plan-00.mktplan.yaml', readFileSync(planPath, 'utf8'));
    await quiet();
    let id = 'thi-phan';
    let title = readFileSync(planPath, 'utf8');
    for (let version = 2; version < 10; version++) {
      id += 'x';
      title = title.replace('(0)', '(0)x');
      // Both without waiting: the plan may be being checked as the strategy it imports changes.
      await client.change(strategy, version, renamed(id));
      await client.change(plan, version, title);
    }
    await client.diagnostics(plan, (published) => published.version === 9);
    await quiet();
    const last = publishedSince(0, plan).pop()!;
    assert.equal(last.version, 9);
    assert.deepEqual(
      last.diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown').map((diagnostic) => diagnostic.message.includes('`thi-phan`')),
      [true, true],
      'the objective it implements and the one its campaign serves, both unknown now',
    );
  });

  it('asks a pulling client to pull again once the typing in a strategy pauses, and then gives every importing plan its new findings', async () => {
    await client.initialize(undefined, { pullDiagnostics: true });
    const before = await pullWorkspace();
    assert.deepEqual(new Set(before.map((item) => item.uri)), new Set([...planUris, uri('strategy.mktplan.yaml')]));
    const strategy = await client.open('strategy.mktplan.yaml', strategyText);
    await quiet();
    const refreshes = client.refreshes;
    let id = 'thi-phan';
    for (let key = 0; key < 8; key++) {
      id += 'x';
      await client.change(strategy, key + 2, renamed(id));
      // The edited file is answered at once.
      const own = await client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: strategy } });
      assert.equal(own.kind, 'full');
      await sleep(typingMs);
    }
    assert.equal(client.refreshes, refreshes, 'no refresh while the strategy is typed in');
    await client.waitForRefreshes(refreshes + 1, 30_000);
    await quiet();
    assert.equal(client.refreshes, refreshes + 1, 'one refresh for the burst');
    const after = await pullWorkspace(before.map((item) => ({ uri: item.uri, value: item.resultId })));
    for (const plan of planUris) {
      const item = after.find((report) => report.uri === plan);
      assert.equal(item?.kind, 'full', plan);
      assert.ok(item.items!.some((diagnostic) => diagnostic.code === 'ref/unknown' && diagnostic.message.includes('`thi-phan`')), plan);
    }
  });

  it('gives the same findings pulled as pushed for the whole workspace', async () => {
    await firstCheck();
    await quiet();
    const pushed = new Map<string, string[]>();
    for (const published of client.published) pushed.set(published.uri, shown(published.diagnostics));
    assert.deepEqual(new Set(pushed.keys()), new Set(plansWithFindings), 'the plans with findings are published, and only they');
    await client.stop();

    client = new LspClient(folder);
    await client.initialize(undefined, { pullDiagnostics: true });
    const items = await pullWorkspace();
    // Pulled, every plan has a report, empty for the clean ones.
    assert.deepEqual(new Set(items.map((item) => item.uri)), new Set([...planUris, uri('strategy.mktplan.yaml')]));
    assert.deepEqual(new Map(items.filter((item) => item.items?.length).map((item) => [item.uri, shown(item.items!)])), pushed);
    // Pulled again with the result ids it gave: every plan is unchanged.
    const again = await pullWorkspace(items.map((item) => ({ uri: item.uri, value: item.resultId })));
    assert.deepEqual(new Set(again.map((item) => item.kind)), new Set(['unchanged']));
    assert.equal(again.length, items.length);
  });

  it('checks every plan once after typing in the configuration file, open or not, not at each key', async () => {
    await firstCheck();
    const openPlan = await client.open('plans/plan-03.mktplan.yaml', readFileSync(nodePath.join(folder, 'plans/plan-03.mktplan.yaml'), 'utf8'));
    const config = await client.open('mktplan.config.yaml', configText);
    await quiet();
    const [since, progressSince] = [client.published.length, client.progress.length];
    let severity = '';
    let version = 1;
    for (const letter of 'warning') {
      severity += letter;
      await client.change(config, ++version, `rules:\n  ref/unknown: ${severity}\n`);
      await client.diagnostics(config, (published) => published.version === version, since);
      await sleep(typingMs);
    }
    assert.deepEqual(
      client.published.slice(since).filter((published) => published.uri !== config),
      [],
      'no plan is published while the configuration is typed in',
    );
    await progressEnded(progressSince, 'every plan checked after the pause');
    await quiet();
    // The open plan is published whatever it has; a closed one, for findings to show.
    assert.deepEqual(
      planUris.map((plan) => publishedSince(since, plan).length),
      planUris.map((plan) => (plan === openPlan || plansWithFindings.includes(plan) ? 1 : 0)),
    );
    const unknownAudience = publishedSince(since, openPlan)[0];
    assert.deepEqual(
      unknownAudience.diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown').map((diagnostic) => diagnostic.severity),
      [2],
      'the new severity applies',
    );
  });

  /** A plan with a finding of its own from the start: `audience: khong-co`, which no strategy defines (see beforeEach). */
  const withFinding = 'plans/plan-03.mktplan.yaml';
  /** Writes plans behind the editor's back, and deletes one, as a branch checked out while its file watcher starts: no watched-file event follows. */
  const writeUnseen = () => {
    rmSync(nodePath.join(folder, withFinding));
    mkdirSync(nodePath.join(folder, 'late'));
    // An audience the strategy does not define: a finding to tell this plan's check by.
    writeFileSync(nodePath.join(folder, 'late/unseen.mktplan.yaml'), planText.replace('audience: sinh-vien', 'audience: khong-co'));
    writeFileSync(nodePath.join(folder, 'late/opened.mktplan.yaml'), planText);
    return { unseen: uri('late/unseen.mktplan.yaml'), opened: 'late/opened.mktplan.yaml', deleted: uri(withFinding) };
  };
  const namesUnknownAudience = (diagnostics: PublishedDiagnostics['diagnostics']) => diagnostics.some((diagnostic) => diagnostic.code === 'ref/unknown' && diagnostic.message.includes('`khong-co`'));

  it('checks the plans written since the workspace was listed, unseen by the file watcher, once one of them is opened, and clears one deleted', async () => {
    await firstCheck();
    await quiet();
    const { unseen, opened, deleted } = writeUnseen();
    assert.ok(namesUnknownAudience(client.published.filter((published) => published.uri === deleted).at(-1)!.diagnostics), 'the plan deleted had a finding');
    const since = client.published.length;
    await client.open(opened, planText);
    const published = await client.diagnostics(unseen, () => true, since, 30_000);
    assert.ok(namesUnknownAudience(published.diagnostics), JSON.stringify(published.diagnostics.map((diagnostic) => diagnostic.code)));
    await client.diagnostics(deleted, (cleared) => cleared.diagnostics.length === 0, since, 30_000);
  });

  it('gives a pulling client the plans written since the workspace was listed, once one of them is opened', async () => {
    await client.initialize(undefined, { pullDiagnostics: true });
    const before = await pullWorkspace();
    const { unseen, opened } = writeUnseen();
    await client.open(opened, planText);
    await quiet();
    const after = await pullWorkspace(before.map((item) => ({ uri: item.uri, value: item.resultId })));
    const item = after.find((report) => report.uri === unseen);
    assert.equal(item?.kind, 'full', `the new plan in the pull: ${JSON.stringify(after.map((report) => report.uri.slice(-30)))}`);
    assert.ok(namesUnknownAudience(item.items!));
  });

  it('gives a pulling client an empty report for a plan deleted since its last pull, and none for it after', async () => {
    await client.initialize(undefined, { pullDiagnostics: true });
    const before = await pullWorkspace();
    const deleted = uri(withFinding);
    assert.ok(namesUnknownAudience(before.find((item) => item.uri === deleted)!.items!), 'the plan had a finding');
    rmSync(nodePath.join(folder, withFinding));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: deleted, type: 3 }] });
    await quiet();
    const after = await pullWorkspace(before.map((item) => ({ uri: item.uri, value: item.resultId })));
    assert.deepEqual(
      after.filter((item) => item.uri === deleted).map(({ kind, items }) => ({ kind, items })),
      [{ kind: 'full', items: [] }],
    );
    // A client that has taken the empty report is told nothing more of the plan.
    const again = await pullWorkspace(after.map((item) => ({ uri: item.uri, value: item.resultId })));
    assert.equal(again.filter((item) => item.uri === deleted).length, 0);
    assert.equal(again.length, before.length - 1);
  });

  it('gives a pulling client an empty report for a plan its configuration ignores since the last pull', async () => {
    await client.initialize(undefined, { pullDiagnostics: true });
    const before = await pullWorkspace();
    const ignored = uri(withFinding);
    assert.ok(namesUnknownAudience(before.find((item) => item.uri === ignored)!.items!), 'the plan had a finding');
    writeFileSync(nodePath.join(folder, 'mktplan.config.yaml'), `${configText}ignore: [${withFinding}]\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('mktplan.config.yaml'), type: 2 }] });
    await quiet();
    const after = await pullWorkspace(before.map((item) => ({ uri: item.uri, value: item.resultId })));
    assert.deepEqual(
      after.filter((item) => item.uri === ignored).map(({ kind, items }) => ({ kind, items })),
      [{ kind: 'full', items: [] }],
    );
  });

  it('publishes a plan opened at start-up before any plan no editor has open, then every closed one with findings once', async () => {
    await client.initialize(undefined, { workDoneProgress: true });
    // The plan with a finding of its own, opened as an editor restores it, a moment after
    // start-up: long enough for the closed plans to come first if nothing held them.
    await sleep(100);
    const opened = await client.open(withFinding, readFileSync(nodePath.join(folder, withFinding), 'utf8'));
    await progressEnded(0, 'the first check of the workspace');
    await quiet();
    const first = client.published.findIndex((published) => published.uri !== opened);
    assert.ok(first > 0, 'the opened plan is published first');
    assert.ok(
      client.published.slice(0, first).some((published) => published.uri === opened && published.version === 1 && published.diagnostics.length > 0),
      'with its own findings',
    );
    const closed = planUris.filter((plan) => plan !== opened);
    assert.deepEqual(
      closed.map((plan) => publishedSince(0, plan).length),
      closed.map((plan) => (plansWithFindings.includes(plan) ? 1 : 0)),
      'each closed plan with findings published once, none of the clean ones',
    );
  });

  it('checks no other plan when a plan the workspace has listed is opened', async () => {
    await firstCheck();
    await quiet();
    const since = client.published.length;
    const opened = await client.open('plans/plan-00.mktplan.yaml', readFileSync(nodePath.join(folder, 'plans/plan-00.mktplan.yaml'), 'utf8'));
    await client.diagnostics(opened, () => true, since);
    await quiet();
    assert.deepEqual([...new Set(client.published.slice(since).map((published) => published.uri))], [opened]);
  });

  it('reports progress to a client that shows it, for the workspace check pushed or pulled and for a re-check of many importing plans, and none to one that does not', async () => {
    /** The kinds of each progress the server created, in order. */
    const progressKinds = () => client.progressCreated.map((token) => client.progress.filter((progress) => progress.token === token).map((progress) => progress.value.kind));
    const wellFormed = (kinds: Array<string | undefined>) => kinds[0] === 'begin' && kinds[kinds.length - 1] === 'end' && kinds.slice(1, -1).every((kind) => kind === 'report');

    await firstCheck();
    const strategy = await client.open('strategy.mktplan.yaml', strategyText);
    await quiet();
    await client.change(strategy, 2, renamed('thi-phan-moi'));
    await allPublished(client.published.length, 'every importing plan checked after the rename');
    await quiet();
    const kinds = progressKinds();
    assert.equal(kinds.length, 2, 'one progress for the workspace check, one for the re-check');
    assert.ok(kinds.every(wellFormed), JSON.stringify(kinds));
    assert.ok(kinds.every((sequence) => sequence.includes('report')), JSON.stringify(kinds));
    const titles = client.progress.filter((progress) => progress.value.kind === 'begin').map((progress) => progress.value.title);
    assert.deepEqual(titles, [`Checking ${planCount + 1} plans`, `Checking ${planCount} plans`]);
    await client.stop();

    client = new LspClient(folder);
    await client.initialize(undefined, { pullDiagnostics: true, workDoneProgress: true });
    await pullWorkspace();
    await quiet();
    assert.equal(progressKinds().length, 1);
    assert.ok(wellFormed(progressKinds()[0]), JSON.stringify(progressKinds()));
    await client.stop();

    client = new LspClient(folder);
    await client.initialize();
    await allPublished(0, 'the first check of the workspace', plansWithFindings);
    await quiet();
    assert.deepEqual([client.progressCreated, client.progress], [[], []]);
  });
});
