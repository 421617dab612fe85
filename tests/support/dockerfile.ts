/**
 * What the Dockerfile's last stage does — the files it copies from the build
 * stage, its working directory, environment, command and health check — read
 * from the file itself, so a test can run exactly that on a machine with no
 * container engine (tests/e2e/image.spec.ts) and cannot drift from it.
 * Only the instructions the last stage uses are understood; anything else
 * there fails loudly rather than being skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type RunStage = {
  workdir: string;
  /** sources are paths in the build stage (whose working directory is `buildDir`) */
  copies: { sources: string[]; dest: string }[];
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
};

const BUILD_STAGE = 'build';

export function readRunStage(dockerfile: string): RunStage & { buildDir: string } {
  const lines = instructions(fs.readFileSync(dockerfile, 'utf8'));
  const stages = lines.flatMap((line, index) => (line.startsWith('FROM ') ? [index] : []));
  const buildFrom = lines.find(
    (line) => line.startsWith('FROM ') && line.endsWith(` AS ${BUILD_STAGE}`),
  );
  if (!buildFrom) throw new Error(`no "${BUILD_STAGE}" stage`);
  const stage: RunStage = { workdir: '/', copies: [], env: {}, cmd: [], healthcheck: [] };
  for (const line of lines.slice(stages.at(-1)! + 1)) {
    const [keyword, ...rest] = line.split(' ');
    const args = rest.join(' ');
    switch (keyword) {
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'COPY': {
        const words = rest.filter((word) => !word.startsWith('--chown='));
        if (words[0] !== `--from=${BUILD_STAGE}`) throw new Error(`unsupported COPY: ${line}`);
        stage.copies.push({ sources: words.slice(1, -1), dest: words.at(-1)! });
        break;
      }
      case 'ENV':
        for (const pair of rest) {
          const [name, ...value] = pair.split('=');
          stage.env[name!] = value.join('=');
        }
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(args.slice(args.indexOf(' CMD ') + 5)) as string[];
        break;
      // Ownership, user, volume and port change no file the server reads.
      case 'RUN':
      case 'USER':
      case 'VOLUME':
      case 'EXPOSE':
        break;
      default:
        throw new Error(`unsupported instruction in the last stage: ${line}`);
    }
  }
  return { ...stage, buildDir: buildStageWorkdir(lines) };
}

/**
 * Copies into `into` (standing for the image's root) exactly what the last stage copies, taking
 * the build stage's files from `checkout` (where `npm run build` ran). Symbolic links stay as
 * they are, as COPY keeps them.
 */
export function assembleImage(
  stage: RunStage & { buildDir: string },
  checkout: string,
  into: string,
) {
  for (const { sources, dest } of stage.copies) {
    const target = path.join(into, path.resolve(stage.workdir, dest));
    for (const source of sources) {
      const from = path.join(checkout, path.relative(stage.buildDir, source));
      const to = fs.statSync(from).isDirectory() ? target : path.join(target, path.basename(from));
      fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    }
  }
  return path.join(into, stage.workdir);
}

/** Runs the image's health check against a server on `port`; its exit code (0: healthy). */
export function runHealthcheck(stage: RunStage, port: number): number | null {
  const [command, ...args] = stage.healthcheck;
  // Next's types make NODE_ENV required in ProcessEnv; the check needs only PATH and PORT.
  const env = { PATH: process.env.PATH, PORT: String(port) } as unknown as NodeJS.ProcessEnv;
  return spawnSync(command!, args, { env }).status;
}

/** The file's instructions, one per entry: continuation lines joined, comments dropped. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line && !line.startsWith('#'));
}

function buildStageWorkdir(lines: string[]): string {
  // The build stage inherits its working directory from the stage it builds on.
  let workdir = '/';
  for (const line of lines) {
    if (line.startsWith('WORKDIR ')) workdir = line.slice('WORKDIR '.length);
    if (line.startsWith('FROM ') && line.endsWith(` AS ${BUILD_STAGE}`)) return workdir;
  }
  return workdir;
}
