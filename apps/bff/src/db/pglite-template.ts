import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Fresh in-memory PGlite clusters (one per test database) copied from a pristine image. Creating a cluster
 * runs initdb, which takes seconds; loading an image takes a fraction of that. The image is kept per process
 * and, because Vitest runs every test file in a process of its own, also on disk in the temp directory,
 * named after the PGlite version that made it.
 */
export async function freshInMemoryCluster(): Promise<PGlite> {
  const image = await pristineImage();
  try {
    return await PGlite.create('memory://', { loadDataDir: image });
  } catch (error) {
    // A damaged image on disk: forget it, so the next call builds a new one.
    imageInProcess = null;
    await rm(imagePath(), { force: true });
    throw error;
  }
}

let imageInProcess: Promise<Blob> | null = null;

function pristineImage(): Promise<Blob> {
  if (imageInProcess === null) {
    imageInProcess = readImage().then((image) => image ?? buildImage());
    imageInProcess.catch(() => {
      imageInProcess = null;
    });
  }
  return imageInProcess;
}

let cachedImagePath: string | null = null;

function imagePath(): string {
  if (cachedImagePath === null) {
    // The package does not export its package.json; it sits one level above the entry point (dist/).
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const manifest = readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8');
    const { version } = JSON.parse(manifest) as { version: string };
    cachedImagePath = path.join(tmpdir(), `review-desk-pglite-${version}.tar`);
  }
  return cachedImagePath;
}

async function readImage(): Promise<Blob | null> {
  try {
    return new Blob([await readFile(imagePath())], { type: 'application/x-tar' });
  } catch {
    return null;
  }
}

async function buildImage(): Promise<Blob> {
  const pglite = await PGlite.create('memory://');
  try {
    const image = await pglite.dumpDataDir('none');
    // Written aside and renamed, so a process reading concurrently never sees half an image.
    const target = imagePath();
    const partial = `${target}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await image.arrayBuffer()));
    await rename(partial, target);
    return image;
  } finally {
    await pglite.close();
  }
}
