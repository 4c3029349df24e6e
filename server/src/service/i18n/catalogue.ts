import type { MessageSpec } from './messages';

/**
 * Every text the engine and its doors show, by message id, in English. The rules declare
 * their own messages beside their checks; the engine gathers both into one catalogue.
 */
export const engineMessages = {
  // How a schema message names the value it is about.
  'subject.key': { text: '`{key}`', placeholders: { key: 'quote' } },
  'subject.entryOf': { text: 'each entry of `{key}`', placeholders: { key: 'quote' } },
  'subject.entry': { text: 'each entry' },
  'subject.file': { text: 'the file' },
  'subject.item': { text: 'this {title}', placeholders: { title: 'text' } },
  'subject.topLevel': { text: 'the top level' },

  'type.string': { text: 'text' },
  'type.number': { text: 'a number' },
  'type.integer': { text: 'a whole number' },
  'type.boolean': { text: 'true or false' },
  'type.array': { text: 'a list' },
  'type.object': { text: 'a map of keys' },
  'type.null': { text: 'empty' },

  'actual.empty': { text: 'it is empty' },
  'actual.text': { text: '"{value}" is text', placeholders: { value: 'quote' } },
  'actual.number': { text: '{value} is a number', placeholders: { value: 'quote' } },
  'actual.boolean': { text: '{value} is true or false', placeholders: { value: 'quote' } },
  'actual.list': { text: 'it is a list' },
  'actual.map': { text: 'it is a map of keys' },

  'schema.secondDocument': {
    text: 'A plan file holds one document: what follows this `---` is a second one and is not checked. Move it to a file of its own, or delete the `---`',
  },
  'schema.notAMap': { text: 'A plan file is a map of keys that starts with `mktplan: "1"` and holds a `strategy`, a `plan`, or both' },
  'schema.type': { text: '{subject} must be {expected}; {actual}', placeholders: { subject: 'text', expected: 'alternatives', actual: 'text' } },
  'schema.unknownKeyDidYouMean': {
    text: 'unknown key `{key}` (did you mean `{suggestion}`?)',
    placeholders: { key: 'quote', suggestion: 'text' },
  },
  'schema.unknownKey': { text: 'unknown key `{key}`; {subject} takes: {known}', placeholders: { key: 'quote', subject: 'text', known: 'text' } },
  'schema.required': { text: '{subject} is missing the required key `{key}`', placeholders: { subject: 'text', key: 'text' } },
  'schema.requiredVersion': { text: '{subject} is missing the required key `mktplan`: add `mktplan: "1"` at the top', placeholders: { subject: 'text' } },
  'schema.date': { text: '{subject} must be a real date written YYYY-MM-DD; "{value}" is not', placeholders: { subject: 'text', value: 'quote' } },
  'schema.dateAsNumber': { text: '{subject} must be a date written YYYY-MM-DD; {value} is a number', placeholders: { subject: 'text', value: 'quote' } },
  'schema.dateTime': {
    text: '{subject} must be a date written YYYY-MM-DD, without a time; "{value}" has one',
    placeholders: { subject: 'text', value: 'quote' },
  },
  'schema.numberAsText': {
    text: '{subject} must be a number; "{value}" is text: write {number}',
    placeholders: { subject: 'text', value: 'quote', number: 'text' },
  },
  'schema.badId': {
    text: '{subject} must be an id of lowercase Latin letters (a-z), digits and dashes; in "{value}", {reason}',
    placeholders: { subject: 'text', value: 'quote', reason: 'text' },
  },
  'schema.id.empty': { text: 'there is nothing' },
  'schema.id.start': { text: 'the first character is a dash: an id starts with a letter or a digit' },
  'schema.id.capital': { text: '"{character}" is a capital letter: write ids in lower case', placeholders: { character: 'quote' } },
  'schema.id.lookAlike': {
    text: '"{character}" is {script} and only looks like the Latin "{latin}"',
    placeholders: { character: 'quote', script: 'text', latin: 'quote' },
  },
  'schema.id.script': { text: '"{character}" is not a Latin letter: it is {script}', placeholders: { character: 'quote', script: 'text' } },
  'schema.id.diacritic': { text: '"{character}" is a letter with a diacritic: write it without one', placeholders: { character: 'quote' } },
  'schema.id.other': { text: '"{character}" is not allowed', placeholders: { character: 'quote' } },
  'script.cyrillic': { text: 'Cyrillic' },
  'script.greek': { text: 'Greek' },
  'script.han': { text: 'Chinese' },
  'script.kana': { text: 'Japanese' },
  'script.hangul': { text: 'Korean' },
  'script.arabic': { text: 'Arabic' },
  'script.hebrew': { text: 'Hebrew' },
  'script.thai': { text: 'Thai' },
  'schema.backslash': {
    text: '{subject} must be written with / between folders, on every system; "{value}" uses \\',
    placeholders: { subject: 'text', value: 'quote' },
  },
  'schema.const': { text: '{subject} must be the text "{allowed}"; {actual}', placeholders: { subject: 'text', allowed: 'text', actual: 'text' } },
  'schema.constQuote': {
    text: '{subject} must be the text "{allowed}"; {actual} (put it in quotes)',
    placeholders: { subject: 'text', allowed: 'text', actual: 'text' },
  },
  'schema.pattern': { text: '{subject} must be {expected}; "{value}" is not', placeholders: { subject: 'text', expected: 'text', value: 'quote' } },
  'schema.minimum': { text: '{subject} must be {limit} or more; it is {value}', placeholders: { subject: 'text', limit: 'number', value: 'quote' } },
  'schema.enum': { text: '{subject} must be one of: {values}; "{value}" is not', placeholders: { subject: 'text', values: 'text', value: 'quote' } },
  'schema.incomplete': { text: '{subject} does not have the keys it needs', placeholders: { subject: 'text' } },
  'schema.conflicting': { text: '{subject} has keys that do not go together', placeholders: { subject: 'text' } },
  'schema.invalid': { text: '{subject} is not valid here', placeholders: { subject: 'text' } },
  // What a pattern or a combination asks for, named by the schemas' `x-messages`.
  'schema.expect.id': { text: 'lowercase letters, digits and dashes, starting with a letter or a digit' },
  'schema.expect.currency': { text: 'a three-letter ISO 4217 code such as USD, EUR, VND, CNY or RUB' },
  'schema.expect.importPath': { text: 'a relative path to another .mktplan.yaml or .mktplan.yml file, such as ./strategy.mktplan.yaml' },
  'schema.expect.pattern': { text: 'text matching {pattern}', placeholders: { pattern: 'text' } },
  'schema.expect.strategyOrPlan': { text: 'a plan file needs a `strategy` section, a `plan` section, or both' },
  'schema.expect.allocationTarget': { text: 'an allocation names the `channel` or the `campaign` its money goes to' },
  'schema.expect.allocationOneTarget': { text: 'an allocation names a `channel` or a `campaign`, not both' },

  // Encodings as VS Code's "Reopen with Encoding" lists them.
  'encoding.windows-1251': { text: 'Cyrillic (Windows 1251)' },
  'encoding.KOI8-R': { text: 'Cyrillic (KOI8-R)' },
  'encoding.windows-1258': { text: 'Vietnamese (Windows 1258)' },
  'encoding.GB18030': { text: 'Simplified Chinese (GB 18030)' },
  'encoding.Big5': { text: 'Traditional Chinese (Big5)' },
  'encoding.UTF-16': { text: 'UTF-16' },

  'kind.member': { text: 'team member' },
  'kind.objective': { text: 'strategy objective' },
  'kind.segment': { text: 'segment' },
  'kind.channel': { text: 'channel' },
  'kind.campaign': { text: 'campaign' },
  'kind.kpi': { text: 'KPI' },
  'kind.milestone': { text: 'milestone' },

  'import.self': { text: '`{entry}` is this file itself; a file cannot import itself.', placeholders: { entry: 'quote' } },
  'import.outsideWorkspace': { text: '`{entry}` is outside the workspace folder; imports stay inside it.', placeholders: { entry: 'quote' } },
  'import.tooMany': { text: 'More than {limit} files are imported; this one was not read.', placeholders: { limit: 'number' } },
  'import.tooManyNested': { text: 'More than {limit} files are imported; the rest were not read.', placeholders: { limit: 'number' } },
  'import.missing': { text: 'Cannot import `{entry}`: there is no such file.', placeholders: { entry: 'quote' } },
  'import.linkOutside': { text: 'Cannot import `{entry}`: a link leads out of the workspace folder.', placeholders: { entry: 'quote' } },
  'import.notAFile': { text: 'Cannot import `{entry}`: it is not a file.', placeholders: { entry: 'quote' } },
  'import.notText': { text: 'Cannot import `{entry}`: it is not text saved as UTF-8.', placeholders: { entry: 'quote' } },
  'import.unreadable': { text: 'Cannot import `{entry}`: it cannot be read ({reason}).', placeholders: { entry: 'quote', reason: 'text' } },
  'import.broken': { text: 'Cannot import `{entry}`: its YAML does not parse; fix it before its ids can be used here.', placeholders: { entry: 'quote' } },
  'import.cycle': { text: 'Import cycle: {cycle}.', placeholders: { cycle: 'text' } },

  'hover.name': { text: 'Name: {value}', placeholders: { value: 'quote' } },
  'hover.statement': { text: 'Statement: {value}', placeholders: { value: 'quote' } },
  'hover.role': { text: 'Role: `{role}` ({title})', placeholders: { role: 'text', title: 'text' } },
  'hover.unknownRole': { text: 'Role: `{role}`', placeholders: { role: 'quote' } },
  'hover.type': { text: 'Type: {value}', placeholders: { value: 'quote' } },
  'hover.metric': { text: 'Metric: {value}', placeholders: { value: 'quote' } },
  'hover.target': { text: 'Target: {value}', placeholders: { value: 'quote' } },
  'hover.baseline': { text: 'Baseline: {value}', placeholders: { value: 'quote' } },
  'hover.direction': { text: 'Direction: {value}', placeholders: { value: 'quote' } },
  'hover.frequency': { text: 'Frequency: {value}', placeholders: { value: 'quote' } },
  'hover.due': { text: 'Due: {value}', placeholders: { value: 'quote' } },
  'hover.dates': { text: 'Dates: {start} to {end}', placeholders: { start: 'quote', end: 'quote' } },
  'hover.budget': { text: 'Budget: {value}', placeholders: { value: 'quote' } },
  'hover.description': { text: 'Description: {value}', placeholders: { value: 'quote' } },
  'hover.idHere': { text: '{kind} `{id}`', placeholders: { kind: 'text', id: 'quote' } },
  'hover.idFrom': { text: '{kind} `{id}` (from `{file}`)', placeholders: { kind: 'text', id: 'quote', file: 'text' } },
  'hover.definedAt': { text: '[Defined in {file}, line {line}]({uri})', placeholders: { file: 'quote', line: 'number', uri: 'text' } },
  'hover.noSuchId': { text: 'No {kind} has the id `{id}`.', placeholders: { kind: 'text', id: 'quote' } },
  'hover.source': { text: 'Source: [*{title}*]({url})', placeholders: { title: 'text', url: 'text' } },
  'hover.commonPractice': { text: 'Common practice in marketing planning, not taken from one of the [sources]({url}).', placeholders: { url: 'text' } },
  'hover.convention': { text: 'A convention of this format, not taken from one of the [sources]({url}).', placeholders: { url: 'text' } },
  'hover.aboutRule': { text: 'About this rule' },
  'hover.finding': { text: '**{severity} `{code}`**: {summary}', placeholders: { severity: 'text', code: 'text', summary: 'text' } },
  'rename.notAnId': { text: 'Only an id, where it is defined or named, can be renamed here.' },
  'rename.invalid': {
    text: '`{id}` is not a valid id: use lowercase Latin letters (a-z), digits and dashes, starting with a letter or a digit.',
    placeholders: { id: 'quote' },
  },
  'rename.taken': { text: '`{id}` is already an id in a file that sees this one: ids must be unique.', placeholders: { id: 'quote' } },
  'fix.addSection': { text: 'Add `{key}`', placeholders: { key: 'text' } },
  'fix.replaceWith': { text: 'Change to `{value}`', placeholders: { value: 'quote' } },
  'fix.createItem': { text: 'Create `{id}` in {file}', placeholders: { id: 'quote', file: 'quote' } },
  'fix.setTotal': { text: 'Set the total to {sum}', placeholders: { sum: 'amount' } },
  'fix.allocateRest': { text: 'Allocate the remaining {rest}', placeholders: { rest: 'amount' } },
  'fix.swapDates': { text: 'Swap the start and the end' },
  'fix.addDates': { text: 'Add dates inside the plan period' },
  'fix.addMeasures': { text: 'Add what makes it measurable' },
  'fix.all': { text: 'Fix what mktplan can fix safely' },
  'fix.silenceLine': { text: 'Silence {rule} on this line', placeholders: { rule: 'text' } },
  'fix.silenceFile': { text: 'Silence {rule} in this file', placeholders: { rule: 'text' } },
  'insight.budgetLeft': { text: '{allocated} of {total} allocated, {difference} left', placeholders: { allocated: 'amount', total: 'amount', difference: 'amount' } },
  'insight.budgetOver': {
    text: '{allocated} allocated of {total}: {difference} too much',
    placeholders: { allocated: 'amount', total: 'amount', difference: 'amount' },
  },
  'insight.campaignDays': { text: '{days, plural, one {# day} other {# days}}', placeholders: { days: 'count' } },
  'insight.campaignShare': { text: '{days, plural, one {# day} other {# days}}, {share} of the budget', placeholders: { days: 'count', share: 'percent' } },
  'insight.share': { text: '{share} of the budget', placeholders: { share: 'percent' } },
  'insight.kpiUp': { text: '+{change} from {baseline}', placeholders: { change: 'amount', baseline: 'amount' } },
  'insight.kpiDown': { text: '−{change} from {baseline}', placeholders: { change: 'amount', baseline: 'amount' } },
  'completion.required': { text: '{title} (required)', placeholders: { title: 'text' } },
  'outline.item': { text: 'item {number}', placeholders: { number: 'number' } },

  'severity.error': { text: 'error' },
  'severity.warning': { text: 'warning' },
  'severity.information': { text: 'information' },
  'severity.hint': { text: 'hint' },

  'cli.usage': {
    text: `Usage: mktplan check [options] <files, folders or globs...>

Checks marketing strategies and plans written as *.mktplan.yaml files.
Folders are searched for *.mktplan.yaml and *.mktplan.yml files.

Options:
  --format <{formats}>
                                                output format (default: stylish)
  --fail-severity <error|warning|information|hint>
                                                lowest severity that makes the exit code 1 (default: error)
  --config <file>                               the configuration file for every plan (default: the nearest
                                                mktplan.config.yaml in the plan's folder or above, up to the
                                                repository root)
  --fix                                         apply the fixes that keep the plan's meaning and need no choice
                                                (a key or value typo with one close match, a number or a date
                                                written as text, \\ in an import); never fills in content
  --locale <{locales}>
                                                language of the messages (default: from LC_ALL, LC_MESSAGES
                                                or LANG, else en)
  -h, --help                                    show this help
  -v, --version                                 show the version

Exit codes: 0 no finding at or above the fail severity, 1 at least one, 2 usage or I/O error.`,
    placeholders: { formats: 'text', locales: 'text' },
  },
  'cli.noCommand': { text: 'no command given' },
  'cli.unknownCommand': { text: 'unknown command "{command}"', placeholders: { command: 'text' } },
  'cli.needsValue': { text: '{option} needs a value', placeholders: { option: 'text' } },
  'cli.badChoice': { text: '{option} must be one of {choices}; got "{value}"', placeholders: { option: 'text', choices: 'alternatives', value: 'quote' } },
  'cli.unknownOption': { text: 'unknown option "{option}"', placeholders: { option: 'text' } },
  'cli.noConfig': { text: '--config {file}: there is no such file', placeholders: { file: 'quote' } },
  'cli.fixed': { text: '{file}: {count, plural, one {# fix} other {# fixes}} applied', placeholders: { file: 'quote', count: 'count' } },
  'cli.noInputs': { text: 'no files, folders or globs given' },
  'cli.emptyFolder': { text: '{input}: no *.mktplan.yaml or *.mktplan.yml files in this folder', placeholders: { input: 'text' } },
  'cli.noMatch': { text: '{input}: no file matches', placeholders: { input: 'text' } },
  'cli.noSuchInput': { text: '{input}: no such file or folder', placeholders: { input: 'text' } },
  'cli.cannotRead': { text: '{file}: cannot read it ({reason})', placeholders: { file: 'text', reason: 'text' } },
  'cli.internalError': { text: 'internal error: {reason}', placeholders: { reason: 'text' } },
  'cli.clean': { text: '{files, plural, one {# file} other {# files}} checked, no problems.', placeholders: { files: 'count' } },
  'cli.summary': {
    text: '{problems, plural, one {# problem} other {# problems}} ({counts}) in {files, plural, one {# file} other {# files}}.',
    placeholders: { problems: 'count', counts: 'units', files: 'count' },
  },
  'cli.errors': { text: '{count, plural, one {# error} other {# errors}}', placeholders: { count: 'count' } },
  'cli.warnings': { text: '{count, plural, one {# warning} other {# warnings}}', placeholders: { count: 'count' } },
  'cli.informations': { text: '{count} information', placeholders: { count: 'number' } },
  'cli.hints': { text: '{count, plural, one {# hint} other {# hints}}', placeholders: { count: 'count' } },
  'server.checkingPlans': { text: 'Checking {count, plural, one {# plan} other {# plans}}', placeholders: { count: 'count' } },
  'server.failed': {
    text: 'mktplan: {feature, select, check {checking} hover {hover} completion {completion} outline {the outline} navigation {navigation} actions {quick fixes} other {folding}} failed for {uri}: {reason}',
    placeholders: { feature: 'choice', uri: 'text', reason: 'text' },
  },

  // Report formats
  // The extension's contributions in VS Code (package.nls.*.json is written from these).
  'package.command.newPlan': { text: 'New Marketing Plan' },
  'package.command.restartServer': { text: 'Restart Language Server' },
  'package.setting.rules': {
    text: 'Severity of each rule, or `off` to switch it off: for example `plan/reporting-missing` set to `off` and `ref/unused` to `warning`. A `mktplan.config.yaml` in the repository wins over this setting for the rules it sets.',
  },
  'package.setting.checkFiles': {
    text: 'Which plans are checked: every `*.mktplan.yaml` of the workspace folders (less those that `ignore` in `mktplan.config.yaml` leaves out), or only those open in the editor.',
  },
  'package.setting.checkFiles.workspace': { text: 'Every plan of the workspace folders, open or not: a plan that a change elsewhere breaks shows its findings at once.' },
  'package.setting.checkFiles.open': { text: 'Only the plans open in the editor.' },
  'package.setting.inlayHints': {
    text: "Show figures at the ends of lines: how much of the budget is allocated and what is left, how long each campaign runs and its share of the budget, how far each KPI's target is from its baseline. VS Code's `editor.inlayHints.enabled` switches them off for every language.",
  },
  'package.setting.locale': { text: 'The language of messages, hover and completion docs, and the rule pages that findings link to.' },
  'package.setting.locale.auto': { text: "The editor's display language, or English where mktplan does not speak it." },
  'package.setting.trace': { text: 'Traces the messages between VS Code and the mktplan language server, in the "mktplan" output channel.' },
  // The VS Code client's own texts (vscode.l10n.t), keyed in its bundles by the English text.
  'client.newPlan.title': { text: 'New Marketing Plan' },
  'client.newPlan.namePrompt': { text: 'Name of the organisation the plan is for' },
  'client.newPlan.nameExample': { text: 'For example: Bloom & Brew' },
  'client.newPlan.nameMissing': { text: 'Enter the name of the organisation.' },
  'client.newPlan.yearPrompt': { text: 'Year the plan covers, from 1 January to 31 December' },
  'client.newPlan.yearInvalid': { text: 'Enter a year of four digits, such as {0}.', placeholders: { '0': 'text' } },
  'client.newPlan.filter': { text: 'Marketing plans (*.mktplan.yaml)' },
  'client.newPlan.save': { text: 'Create Plan' },
  'client.newPlan.noSnippet': { text: 'The whole-plan snippet is missing from this installation of mktplan.' },
  'client.newPlan.cannotCreate': { text: 'Could not create {0}: {1}', placeholders: { '0': 'text', '1': 'text' } },
  'sarif.helpText': {
    text: '{description}\n\nHow to fix it: {fix}\n\nMore, with examples: {page}',
    placeholders: { description: 'text', fix: 'text', page: 'text' },
  },
  'sarif.helpMarkdown': {
    text: '{description}\n\n**How to fix it:** {fix}\n\n[More about this rule, with examples]({page})',
    placeholders: { description: 'text', fix: 'text', page: 'text' },
  },
} satisfies Record<string, MessageSpec>;

export type EngineMessageId = keyof typeof engineMessages;
