/**
 * The English UI strings the bench looks for in the page, read from the app's
 * own catalogue (messages/en.json), so rewording a message does not break the
 * bench; a key that no longer exists stops it with the key's name.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Messages = (key: string, values?: Record<string, string>) => string;

export function readMessages(root: string): Messages {
  const catalogue: unknown = JSON.parse(
    fs.readFileSync(path.join(root, 'messages', 'en.json'), 'utf8'),
  );
  return (key, values = {}) => {
    const text = key
      .split('.')
      .reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), catalogue);
    if (typeof text !== 'string') throw new Error(`messages/en.json has no string "${key}"`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new Error(`messages/en.json "${key}" needs a value for ${whole}`);
      return value;
    });
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
