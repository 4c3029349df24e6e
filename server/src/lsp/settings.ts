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

  forget(uri?: string): void {
    if (uri === undefined) this.byUri.clear();
    else this.byUri.delete(normalUri(uri));
  }
}
