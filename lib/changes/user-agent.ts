/**
 * The browser-and-system summary a history entry keeps ("Firefox 128 on
 * macOS"), from Next's user-agent parser: enough for a person to recognise
 * their own device, and never the raw header (nor an IP address).
 */
import { userAgent } from 'next/server';
import { USER_AGENT_SUMMARY_MAX } from '../store/history';

export function summarizeUserAgent(headers: Headers): string {
  const { browser, os, isBot } = userAgent({ headers });
  const browserName = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [os.name, os.name === 'Windows' ? os.version : undefined]
    .filter(Boolean)
    .join(' ');
  const summary = [browserName, system].filter(Boolean).join(' on ');
  const labelled = isBot && summary ? `${summary} (bot)` : summary;
  return labelled.slice(0, USER_AGENT_SUMMARY_MAX);
}
