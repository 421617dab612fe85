/**
 * Finds citations a reader of the repository cannot open: names of documents
 * that live outside it (the team's own notes, knowledge-base short names,
 * section marks into them), and `docs/….md#anchor` citations or repository paths
 * that name a file, directory or heading that does not exist. Pure functions
 * over text and a view of the repository, so the rules can be tested on
 * sample lines; `tests/unit/citations.test.ts` runs them over every tracked
 * file.
 */
import path from 'node:path';
import GithubSlugger from 'github-slugger';

/** What the checks need to know about the repository. */
export type RepoView = {
  /** Whether a path relative to the repository root exists (file or directory). */
  exists(relativePath: string): boolean;
  /** The heading anchors of a Markdown file, as GitHub renders them; null when there is no such file. */
  anchors(relativePath: string): ReadonlySet<string> | null;
};

export type Finding = { file: string; line: number; message: string };

const OPEN_INSTEAD = 'cite docs/authlete.md#… or a public URL instead';

/** Names of documents a reader cannot open. Written with escapes so this file does not match itself. */
const FOREIGN_NAMES: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bauthlete-api\.md\b/, what: "the team's Authlete notes" },
  {
    pattern: /\b(?:DESIGN|STACK|STYLE)\.md\b/,
    what: "a team document that isn't in the repository",
  },
  { pattern: /(?:^|[^\w.])\.\.\/shared\//, what: 'a folder outside the repository' },
  { pattern: /\/work\/shared\b/, what: 'a folder outside the repository' },
  { pattern: /\bKB-[a-z][\w-]*/, what: 'a knowledge-base short name' },
  { pattern: /\b(?:v[23][-]spec|v3[-]ref|old[-]ref)\b/, what: 'a short name for an API reference' },
  { pattern: /(?<!authlete-)\bjava[-]common\b/, what: 'a short name for authlete-java-common' },
  // A section mark (U+00A7) points into a document outside the repository, unless it follows an RFC.
  { pattern: /(?<!RFC ?\d+,? ?)\u00a7/, what: 'a section of a document outside the repository' },
];

/** Why a line cites something outside the repository, one message per kind; [] when it does not. */
export function foreignCitations(text: string): string[] {
  const found: string[] = [];
  for (const { pattern, what } of FOREIGN_NAMES) {
    const match = pattern.exec(text);
    if (match) found.push(`cites ${what} ("${match[0].trim()}"): ${OPEN_INSTEAD}`);
  }
  return found;
}

/**
 * The anchors GitHub gives a Markdown file's headings: the heading's text
 * without inline markup, slugged by github-slugger (GitHub's own algorithm,
 * `-1`, `-2` for repeats). Headings inside fenced code blocks do not count.
 */
export function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  // The character of the open code fence (` or ~), or null outside one.
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const fenceChar = /^\s{0,3}(?:`{3,}|~{3,})/.exec(line)?.[0].trim().charAt(0);
    if (fenceChar) {
      if (fence === null) fence = fenceChar;
      else if (fenceChar === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const text = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .replace(/<[^>]+>/g, '');
    anchors.add(slugger.slug(text));
  }
  return anchors;
}

/** A Markdown file name and an anchor, not inside a URL (no `/` or word character before it). */
const MARKDOWN_ANCHOR = /(?<![\w/.-])((?:\.{1,2}\/)*(?:[\w.-]+\/)*[\w.-]+\.md)#([\w-]+)/g;
/** `](#anchor)`: a Markdown link to a heading of the same file. */
const SAME_FILE_ANCHOR = /\]\(#([\w-]+)\)/g;
/** A path under one of the repository's top-level folders, not inside a URL or an import specifier. */
const REPO_PATH =
  /(?<![\w/.@~-])((?:app|components|docs|i18n|lib|messages|public|scripts|tests|\.ci)\/[\w./()[\]@-]*)/g;

/** Where a cited Markdown file is: beside the citing file (a relative link), else from the root. */
function resolveMarkdown(citingFile: string, target: string, repo: RepoView): string | null {
  const besides = path.posix.normalize(path.posix.join(path.posix.dirname(citingFile), target));
  if (!besides.startsWith('..') && repo.anchors(besides)) return besides;
  const fromRoot = path.posix.normalize(target);
  return repo.anchors(fromRoot) ? fromRoot : null;
}

function brokenAnchors(file: string, text: string, repo: RepoView): string[] {
  const found: string[] = [];
  for (const [, target = '', anchor = ''] of text.matchAll(MARKDOWN_ANCHOR)) {
    const resolved = resolveMarkdown(file, target, repo);
    if (resolved === null) found.push(`cites ${target}#${anchor}, but there is no ${target}`);
    else if (!repo.anchors(resolved)?.has(anchor)) {
      found.push(`cites ${target}#${anchor}, but ${resolved} has no heading with that anchor`);
    }
  }
  if (file.endsWith('.md')) {
    for (const [, anchor = ''] of text.matchAll(SAME_FILE_ANCHOR)) {
      if (!repo.anchors(file)?.has(anchor)) {
        found.push(`links to #${anchor}, but ${file} has no heading with that anchor`);
      }
    }
  }
  return found;
}

/**
 * Repository paths that do not exist. Only paths that end in a file extension
 * or a `/` count (a bare `app/apps/[clientId]` may be a route, not a file);
 * trailing punctuation of the sentence is tried off before a path is called missing.
 */
function missingPaths(text: string, repo: RepoView): string[] {
  const found: string[] = [];
  for (const [, cited = ''] of text.matchAll(REPO_PATH)) {
    const candidates = [cited];
    let trimmed = cited;
    while (/[.,:;)\]]$/.test(trimmed)) {
      trimmed = trimmed.slice(0, -1);
      candidates.push(trimmed);
    }
    const meant = candidates.filter((candidate) => /(?:\.[a-z]{1,5}|\/)$/.test(candidate));
    if (meant.length > 0 && !meant.some((candidate) => repo.exists(candidate))) {
      found.push(`cites ${meant.at(-1)}, which does not exist`);
    }
  }
  return found;
}

/** Every finding in one file's text, with its line number (from 1). */
export function checkFile(file: string, content: string, repo: RepoView): Finding[] {
  const findings: Finding[] = [];
  content.split('\n').forEach((text, index) => {
    const messages = [
      ...foreignCitations(text),
      ...brokenAnchors(file, text, repo),
      ...missingPaths(text, repo),
    ];
    for (const message of messages) findings.push({ file, line: index + 1, message });
  });
  return findings;
}
