/**
 * Keeps the code samples of docs/profiles.md and docs/identity.md equal to the regions of the files they quote.
 * A sample is a fenced block right after `<!-- sample: path/from/repo/root.ts#region -->`; the region is the text
 * between `// #region name` and `// #endregion name`, dedented. Refresh them with
 * `npx tsx packages/profiles/scripts/docSamples.ts --write`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The guide these samples belong to. */
export const guidePath = join(repoRoot, 'docs', 'profiles.md');

/** Every guide whose samples this package's files hold. */
export const guidePaths = [guidePath, join(repoRoot, 'docs', 'identity.md')];

const SAMPLE = /<!-- sample: ([^#\s]+)#([\w-]+) -->\n```(\w*)\n([\s\S]*?)```/g;

/** The dedented text of a `#region` of a file. */
export const regionOf = (path: string, name: string): string => {
  const lines = readFileSync(join(repoRoot, path), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === `// #endregion ${name}`);
  if (start === -1 || end === -1) throw new Error(`${path}: no region ${name}`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)));
  return `${body.map((line) => line.slice(indent)).join('\n')}\n`;
};

/** Every sample of a markdown text: where it points, what the guide shows and what the source says. */
export const samplesOf = (markdown: string) =>
  [...markdown.matchAll(SAMPLE)].map((match) => ({
    path: match[1]!,
    region: match[2]!,
    shown: match[4]!,
    source: regionOf(match[1]!, match[2]!),
  }));

/** The markdown with every sample replaced by its source region. */
export const syncSamples = (markdown: string): string =>
  markdown.replace(
    SAMPLE,
    (_, path: string, region: string, lang: string) =>
      `<!-- sample: ${path}#${region} -->\n\`\`\`${lang}\n${regionOf(path, region)}\`\`\``,
  );

if (process.argv.includes('--write')) {
  for (const path of guidePaths) writeFileSync(path, syncSamples(readFileSync(path, 'utf8')));
}
