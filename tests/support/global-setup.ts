/**
 * Once per run, before any test (and after the web servers have started, so
 * their logs are left alone): forget the responses earlier runs recorded, so
 * the secret scan can only pass on what this run received.
 */
import fs from 'node:fs';
import { RESPONSES_DIR } from './recording';

export default function globalSetup() {
  fs.rmSync(RESPONSES_DIR, { recursive: true, force: true });
}
