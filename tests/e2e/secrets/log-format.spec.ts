/**
 * After everything else has run: every line the e2e app servers wrote is one
 * JSON object with a level, a time and a message — what an aggregator can
 * read — except Next's own start banner. The servers logged the whole run, so
 * this covers every page, action, failure and start-up the suite caused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SERVER_LOG_DIR } from '../../support/recording';

/** Next's start banner (ANSI colours removed): the one exception. */
const BANNER = [
  /^▲ Next\.js \d+\.\d+\.\d+$/,
  /^- (Local|Network): +http:\/\/\S+$/,
  // Next prints sub-second times with a decimal (`2.0ms`, `1.2s`).
  /^✓ Ready in [\d.]+m?s$/,
  /^✓ Running next\.config(\.js)? took [\d.]+m?s$/,
  /^$/,
];

const stripAnsi = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '');

for (const server of ['embedded-app', 'authlete-app']) {
  test(`every line the ${server} server wrote is a JSON log line`, () => {
    const lines = fs.readFileSync(path.join(SERVER_LOG_DIR, `${server}.log`), 'utf8').split('\n');
    const json = lines.filter((line) => line.startsWith('{'));
    // It served the whole run: hundreds of lines, not a log that stayed empty.
    expect(json.length).toBeGreaterThan(10);
    const plain = lines.filter((line) => !line.startsWith('{')).map(stripAnsi);
    expect(plain.filter((line) => !BANNER.some((pattern) => pattern.test(line)))).toEqual([]);
    for (const line of json) {
      expect(JSON.parse(line)).toMatchObject({
        level: expect.stringMatching(/^(fatal|error|warn|info|debug|trace)$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        msg: expect.any(String),
      });
    }
  });
}
