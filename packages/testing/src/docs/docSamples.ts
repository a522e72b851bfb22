import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One quoted sample of a markdown page: where it points, what the page shows and what the source says now. */
export interface DocSample {
  readonly path: string;
  readonly region: string;
  readonly shown: string;
  readonly source: string;
}

const SAMPLE = /<!-- sample: ([^#\s]+)#([\w-]+) -->\n```(\w*)\n([\s\S]*?)```/g;

/** The dedented text between `// #region name` and `// #endregion name` of a file under `root`. */
export const regionOf = (root: string, path: string, name: string): string => {
  const lines = readFileSync(join(root, path), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === `// #endregion ${name}`);
  if (start === -1 || end === -1) throw new Error(`${path}: no region ${name}`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)));
  return `${body.map((line) => line.slice(indent)).join('\n')}\n`;
};

/**
 * Every sample of a markdown page. A sample is a fenced block right after
 * `<!-- sample: path/from/root.ts#region -->`; docs that quote code this way cannot rot, because a test
 * compares each sample with its source region.
 */
export const docSamples = (markdown: string, root: string): DocSample[] =>
  [...markdown.matchAll(SAMPLE)].map((match) => ({
    path: match[1]!,
    region: match[2]!,
    shown: match[4]!,
    source: regionOf(root, match[1]!, match[2]!),
  }));

/** The page with every sample replaced by its current source region. */
export const syncDocSamples = (markdown: string, root: string): string =>
  markdown.replace(
    SAMPLE,
    (_, path: string, region: string, lang: string) =>
      `<!-- sample: ${path}#${region} -->\n\`\`\`${lang}\n${regionOf(root, path, region)}\`\`\``,
  );
