/**
 * Password hashing for the embedded demo users, with Node's built-in scrypt
 * (memory-hard, no native dependency). Format: `scrypt$<salt b64>$<hash b64>`.
 * Hashing (seeding, test fixtures) is synchronous; checking, on every sign-in, is not.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
) => Promise<Buffer>;

/**
 * Checks a password against its stored hash. Asynchronous on purpose: scrypt is slow by design,
 * and in Node's thread pool it does not hold up every other request while it runs.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scryptAsync(
    password.normalize('NFC'),
    Buffer.from(saltB64, 'base64'),
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked for unknown logins so they take as long as known ones. */
export const UNMATCHABLE_HASH = hashPassword(randomBytes(16).toString('hex'));
