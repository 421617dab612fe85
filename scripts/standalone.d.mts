/** Types for standalone.mjs (plain JavaScript: the start script and the image run it with Node alone). */
export function standaloneDir(root: string): string;
export function isCompleteBuild(dir: string): boolean;
export function completeStandalone(root: string): void;
export function runtimeNextConfig(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown>;
