/**
 * Comments and docs cite only what a reader of the repository can open: files
 * in it (with headings that exist) and public URLs. The rules are tested on
 * sample lines first, so a rule that could never fire would fail here; then
 * every git-tracked text file is checked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, foreignCitations, headingAnchors, type RepoView } from '../support/citations';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A repository of a few files, for the sample lines. */
function fakeRepo(files: Record<string, string>): RepoView {
  const contents = new Map(Object.entries(files));
  return {
    exists: (relativePath) =>
      contents.has(relativePath) ||
      [...contents.keys()].some((file) => file.startsWith(relativePath.replace(/\/?$/, '/'))),
    anchors(relativePath) {
      const content = contents.get(relativePath);
      return relativePath.endsWith('.md') && content !== undefined ? headingAnchors(content) : null;
    },
  };
}

const SAMPLE_REPO = fakeRepo({
  'docs/authlete.md': '# Title\n\n## Token list\n\n## Errors and result codes\n',
  'docs/design-notes.md': '# Design notes\n\n## Data layer\n',
  'lib/authlete/endpoints.ts': '',
});

function messagesFor(file: string, line: string): string[] {
  return checkFile(file, line, SAMPLE_REPO).map((finding) => finding.message);
}

// Citations that must be flagged are assembled from parts, so that this file,
// which the last test checks too, does not make them itself.
const cite = (...parts: string[]) => parts.join('');
const TEAM_NOTES = cite('authlete-api', '.md');
const SECTION = String.fromCharCode(0xa7);
/** A file that exists, in the sample repository and in this one. */
const CODE_FILE = 'lib/authlete/endpoints.ts';

describe('foreignCitations', () => {
  it.each([
    [`(${TEAM_NOTES}, the list)`],
    [`Decisions that refine \`${cite('DESIGN', '.md')}\``],
    [`pinned in ${cite('STACK', '.md')}`],
    [`see ${cite('STYLE', '.md')}`],
    [`read ${cite('../', 'shared/notes.txt')}`],
    [`from ${cite('/work', '/shared')}`],
    [`at most 20 (${cite('KB', '-tokenlist')})`],
    [`the ${cite('v3', '-spec')} says`],
    [`as in ${cite('v2', '-spec')}`],
    [`${cite('java', '-common')} sends POST`],
    [`see ${SECTION}12 q1`],
  ])('flags %s', (line) => {
    expect(foreignCitations(line)).toHaveLength(1);
  });

  it.each([
    ['https://github.com/authlete/authlete-java-common/blob/master/README.md'],
    ['authlete-java-common sends POST'],
    [`RFC 6749 ${SECTION}5.2 describes the error response`],
    ['(docs/authlete.md#token-list)'],
    ['a 64 KB body'],
  ])('lets %s through', (line) => {
    expect(foreignCitations(line)).toEqual([]);
  });
});

describe('headingAnchors', () => {
  it('slugs headings as GitHub does, without inline markup, numbering repeats', () => {
    const markdown = [
      '# Authlete HTTP contract',
      '## Errors and result codes',
      '## `/client/get` and [links](https://example.com)',
      '## Per-token calls',
      '## Per-token calls',
      '```md',
      '## Not a heading',
      '```',
    ].join('\n');
    expect([...headingAnchors(markdown)]).toEqual([
      'authlete-http-contract',
      'errors-and-result-codes',
      'clientget-and-links',
      'per-token-calls',
      'per-token-calls-1',
    ]);
  });
});

describe('checkFile', () => {
  it('accepts citations of files and headings that exist', () => {
    expect(messagesFor(CODE_FILE, ' * Capped at 20 (docs/authlete.md#token-list).')).toEqual([]);
    expect(
      messagesFor('docs/design-notes.md', cite('See [errors](authlete.md', '#token-list).')),
    ).toEqual([]);
    expect(messagesFor('docs/authlete.md', 'As in [the list](#token-list).')).toEqual([]);
    expect(
      messagesFor('README.md', 'More in [`docs/design-notes.md`](docs/design-notes.md).'),
    ).toEqual([]);
    expect(
      messagesFor('README.md', 'lib/authlete/ holds the adapter (lib/authlete/endpoints.ts).'),
    ).toEqual([]);
  });

  it('names a heading anchor that does not exist', () => {
    const wrongAnchor = cite('docs/authlete.md', '#token-lists');
    expect(messagesFor(CODE_FILE, ` * (${wrongAnchor})`)).toEqual([
      `cites ${wrongAnchor}, but docs/authlete.md has no heading with that anchor`,
    ]);
    expect(messagesFor('docs/authlete.md', 'See [below](#no-such-section).')).toEqual([
      'links to #no-such-section, but docs/authlete.md has no heading with that anchor',
    ]);
  });

  it('names a cited document or path that does not exist', () => {
    const missingDoc = cite('docs/', 'authlet.md');
    expect(messagesFor(CODE_FILE, ` * (${missingDoc}#token-list)`)).toEqual([
      `cites ${missingDoc}#token-list, but there is no ${missingDoc}`,
      `cites ${missingDoc}, which does not exist`,
    ]);
    const missingModule = cite('lib/authlete/', 'missing.ts');
    expect(messagesFor(CODE_FILE, ` * as ${missingModule} does.`)).toEqual([
      `cites ${missingModule}, which does not exist`,
    ]);
  });

  it('leaves URLs and import specifiers alone', () => {
    expect(
      messagesFor(CODE_FILE, '// https://github.com/authlete/openapi-for-go/blob/HEAD/docs/x.md#y'),
    ).toEqual([]);
    expect(messagesFor(CODE_FILE, "import { x } from '@/lib/nowhere';")).toEqual([]);
  });

  it('reports the line number of each finding', () => {
    const findings = checkFile(CODE_FILE, `ok\nok\n// ${TEAM_NOTES}\n`, SAMPLE_REPO);
    expect(findings.map(({ file, line }) => `${file}:${line}`)).toEqual([`${CODE_FILE}:3`]);
  });
});

/** The repository as it is on disk. */
const repository: RepoView = (() => {
  const anchorCache = new Map<string, Set<string> | null>();
  return {
    exists: (relativePath) => existsSync(path.join(ROOT, relativePath)),
    anchors(relativePath) {
      if (!anchorCache.has(relativePath)) {
        const file = path.join(ROOT, relativePath);
        anchorCache.set(
          relativePath,
          relativePath.endsWith('.md') && existsSync(file)
            ? headingAnchors(readFileSync(file, 'utf8'))
            : null,
        );
      }
      return anchorCache.get(relativePath) ?? null;
    },
  };
})();

/** Git-tracked files that exist and are text (no NUL byte in the first 8000, as git decides). */
function trackedTextFiles(): { file: string; content: string }[] {
  const listing = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return listing
    .split('\0')
    .filter((file) => file !== '' && file !== 'package-lock.json')
    .filter((file) => existsSync(path.join(ROOT, file)))
    .map((file) => ({ file, bytes: readFileSync(path.join(ROOT, file)) }))
    .filter(({ bytes }) => !bytes.subarray(0, 8000).includes(0))
    .map(({ file, bytes }) => ({ file, content: bytes.toString('utf8') }));
}

describe('the repository', () => {
  const files = trackedTextFiles();

  it('has text files to check, code and docs among them', () => {
    const names = files.map(({ file }) => file);
    expect(names).toContain('lib/authlete/endpoints.ts');
    expect(names).toContain('README.md');
    expect(names.length).toBeGreaterThan(100);
  });

  it('cites only documents, headings and paths a reader can open', () => {
    const findings = files.flatMap(({ file, content }) => checkFile(file, content, repository));
    expect(findings.map(({ file, line, message }) => `${file}:${line}: ${message}`)).toEqual([]);
  });
});
