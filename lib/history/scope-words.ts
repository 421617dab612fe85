/**
 * The words the history page uses for the permissions a change removed: the
 * ones the apps pages show (the operator's SCOPE_DESCRIPTIONS_FILE, then the
 * service's scope catalogue, in the person's language first), else the
 * scope's own name. Unlike the apps pages, no humanized name is made up: a
 * record of what was done names exactly what it cannot describe.
 */
import 'server-only';
import { config } from '../env';
import { describedScopeText } from '../grants/dto';
import { fallbackLang } from '../grants/localize';
import type { ScopeDefinition } from '../grants/grant-store';
import { grantStore } from '../grants';
import { log } from '../log';

export type RemovedScope = {
  name: string;
  description: string;
  /** the language tag of `description` when it is not the page's; absent otherwise */
  lang?: string;
};

export type ScopeWords = (name: string) => RemovedScope;

/**
 * History is kept here, not at the service: should the catalogue be unreachable, the page still
 * shows every entry, with scope names (and the log says why).
 */
export async function scopeWordsFor(locale: string): Promise<ScopeWords> {
  let catalogue: readonly ScopeDefinition[] = [];
  try {
    catalogue = await grantStore().scopeCatalogue();
  } catch (error) {
    log.warn('history.scope_catalogue_failed', { error });
  }
  const wording = { catalogue, overrides: config().scopeDescriptions };
  return (name) => {
    const described = describedScopeText(name, wording, locale);
    const lang = fallbackLang(described, locale);
    return { name, description: described?.text ?? name, ...(lang ? { lang } : {}) };
  };
}
