import type messages from './messages/en.json';
import type { Locale } from './lib/i18n/locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    // English is the reference catalogue: every other language must have the same keys.
    Messages: typeof messages;
  }
}
