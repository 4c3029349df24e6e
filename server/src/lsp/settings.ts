import type { Connection } from 'vscode-languageserver';
import { normalUri, type RuleSetting, type Settings } from '../service';

/** The engine's settings, and the server's own: whether figures are shown at the ends of lines. */
export type ServerSettings = Settings & { inlayHints?: boolean };

/** The `mktplan` section of the editor's settings, each field of the right type or left out. */
export function sanitizeSettings(raw: unknown): ServerSettings {
  const settings: ServerSettings = {};
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (section.rules && typeof section.rules === 'object' && !Array.isArray(section.rules)) {
    settings.rules = {};
    for (const [id, value] of Object.entries(section.rules as Record<string, unknown>)) {
      if (typeof value === 'string') settings.rules[id] = value as RuleSetting;
    }
  }
  if (typeof section.locale === 'string') settings.locale = section.locale;
  if (typeof section.inlayHints === 'boolean') settings.inlayHints = section.inlayHints;
  return settings;
}

/** The most files whose settings one `workspace/configuration` request asks for (see `prefetch`). */
const filesPerRequest = 1000;

/** The settings of each document: asked of a client that answers `workspace/configuration`, else those it last sent. */
export class DocumentSettings {
  /** Whether the client answers `workspace/configuration`. */
  canAsk = false;
  /** The editor's display language, for `mktplan.locale: auto`. */
  clientLocale: string | undefined;
  /** The settings a client that is not asked sent last. */
  global: ServerSettings = {};
  private readonly byUri = new Map<string, Promise<ServerSettings>>();

  constructor(private readonly connection: Connection) {}

  /** `auto`, or no setting, follows the editor's display language. */
  private withLocale(settings: ServerSettings): ServerSettings {
    return !settings.locale || settings.locale === 'auto' ? { ...settings, locale: this.clientLocale } : settings;
  }

  of(clientUri: string): Promise<ServerSettings> {
    if (!this.canAsk) return Promise.resolve(this.withLocale(this.global));
    const uri = normalUri(clientUri);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'mktplan' })
        .then(sanitizeSettings, () => ({}))
        .then((read) => this.withLocale(read));
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /**
   * Asks for the settings of many files at once, a request for every `filesPerRequest` of them not
   * asked for yet: checking a workspace of 5,000 plans then takes 5 requests to the client, not 5,000.
   */
  prefetch(clientUris: Iterable<string>): void {
    if (!this.canAsk) return;
    const uris = [...new Set([...clientUris].map(normalUri))].filter((uri) => !this.byUri.has(uri));
    for (let start = 0; start < uris.length; start += filesPerRequest) {
      const batch = uris.slice(start, start + filesPerRequest);
      const answers = this.connection.workspace.getConfiguration(batch.map((uri) => ({ scopeUri: uri, section: 'mktplan' }))).catch(() => [] as unknown[]);
      batch.forEach((uri, index) => this.byUri.set(uri, answers.then((sections) => this.withLocale(sanitizeSettings(Array.isArray(sections) ? sections[index] : undefined)))));
    }
  }

  forget(uri?: string): void {
    if (uri === undefined) this.byUri.clear();
    else this.byUri.delete(normalUri(uri));
  }
}
