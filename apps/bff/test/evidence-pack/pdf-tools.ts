import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's poppler-utils (pdftotext, pdfinfo, pdfimages), installed by .ci/run. */
async function withFile<T>(pdf: Buffer, work: (path: string) => Promise<T>): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'evidence-pack-'));
  const path = join(directory, 'pack.pdf');
  try {
    await writeFile(path, pdf);
    return await work(path);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext extracts it, without the bidi marks it puts around right-to-left text. */
export const pdfText = (pdf: Buffer): Promise<string> =>
  withFile(pdf, async (path) => {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    return stdout.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  });

/** pdfinfo's page count (pdfinfo fails on a PDF it cannot read). */
export const pdfPages = (pdf: Buffer): Promise<number> =>
  withFile(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', [path]);
    const match = /^Pages:\s+(\d+)$/m.exec(stdout);
    if (!match?.[1]) throw new Error(`pdfinfo gave no page count:\n${stdout}`);
    return Number(match[1]);
  });

/** The images the PDF embeds, as `pdfimages -list` counts them. */
export const pdfImageCount = (pdf: Buffer): Promise<number> =>
  withFile(pdf, async (path) => {
    const { stdout } = await run('pdfimages', ['-list', path]);
    // Two header lines, then one line per image (an alpha channel is a line of type smask, not counted).
    return stdout
      .trim()
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
  });

/** Width and height in pixels of each image the PDF embeds (`pdfimages -list`). */
export const pdfImageSizes = (pdf: Buffer): Promise<{ width: number; height: number }[]> =>
  withFile(pdf, async (path) => {
    const { stdout } = await run('pdfimages', ['-list', path]);
    return stdout
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((columns) => columns[2] === 'image')
      .map((columns) => ({ width: Number(columns[3]), height: Number(columns[4]) }));
  });
