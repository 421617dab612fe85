/**
 * Whatever else writes to the console once the server runs — Next itself,
 * React, a library — comes out as one JSON line like ours (lib/logger.mjs),
 * so an aggregator never meets a plain-text line. Next's start banner, printed
 * before this runs, is the one exception. Only in production: `next dev`'s
 * output is for the person watching it. An Error among the arguments is
 * logged with its stack and cause; the rest is formatted as the console would.
 */
import { format } from 'node:util';
import { log } from './log';

const LEVELS = { debug: 'debug', log: 'info', info: 'info', warn: 'warn', error: 'error' } as const;

const holder = globalThis as typeof globalThis & { __consoleRouted?: boolean };

export function routeConsoleToLog(): void {
  if (holder.__consoleRouted) return;
  holder.__consoleRouted = true;
  for (const [method, level] of Object.entries(LEVELS)) {
    console[method as keyof typeof LEVELS] = (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error) as Error | undefined;
      const text = format(...args.filter((arg) => arg !== error));
      // An empty console.log() is spacing for a terminal, not an event.
      if (!text.trim() && !error) return;
      log[level](text || error!.message, {
        source: `console.${method}`,
        ...(error ? { error } : {}),
      });
    };
  }
}
