// Option B (send-verification) names its files by pre-signed URL; Capa downloads them. The sandbox does too, so a
// partner learns here what Capa would answer: an unreachable or expired URL is FAILED_TO_DOWNLOAD_FILE_FROM_
// PRESIGNED_URL, a file over its size limit or in a format the page does not allow is INVALID_USER_INPUT_ERROR.
// Formats are told by the bytes, not by the URL or the Content-Type. Reads are bounded: a body over the limit is
// cut off there, never buffered whole.

import { request } from 'undici';
import { CapaError, capaErrors } from './errors';

export type FileFormat = 'jpeg' | 'png' | 'pdf';

export interface FileRule {
  /** The field that named the file, for messages (e.g. "identity.frontIdUrl"). */
  field: string;
  maxBytes: number;
  formats: readonly FileFormat[];
}

const MB = 1024 * 1024;

/** The limits of the integration flow's "File URL Requirements" table. */
export const fileRules = {
  selfie: { maxBytes: 3 * MB, formats: ['jpeg', 'png'] },
  idImage: { maxBytes: 5 * MB, formats: ['jpeg', 'png', 'pdf'] },
  document: { maxBytes: 10 * MB, formats: ['jpeg', 'png', 'pdf'] },
} as const;

export function formatOf(head: Uint8Array): FileFormat | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (
    head[0] === 0x89 &&
    head[1] === 0x50 &&
    head[2] === 0x4e &&
    head[3] === 0x47 &&
    head[4] === 0x0d &&
    head[5] === 0x0a &&
    head[6] === 0x1a &&
    head[7] === 0x0a
  )
    return 'png';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46 && head[4] === 0x2d)
    return 'pdf';
  return null;
}

const failedDownload = (field: string, why: string) =>
  new CapaError(
    400,
    'FAILED_TO_DOWNLOAD_FILE_FROM_PRESIGNED_URL',
    `Failed to download the file from the pre-signed URL in ${field}: ${why}`,
  );

const formatNames: Record<FileFormat, string> = { jpeg: 'JPEG', png: 'PNG', pdf: 'PDF' };

export interface DownloadedFile {
  field: string;
  format: FileFormat;
  size: number;
}

/** Downloads one file and checks it against its rule; throws the CapaError Capa would answer. */
export async function fetchPresignedFile(
  url: string,
  rule: FileRule,
  timeoutMs = 10_000,
): Promise<DownloadedFile> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw failedDownload(rule.field, error instanceof Error ? error.message : 'no answer');
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump();
    throw failedDownload(rule.field, `HTTP ${response.statusCode}`);
  }
  const head: number[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > rule.maxBytes) {
        response.body.destroy();
        throw capaErrors.invalidInput(`${rule.field}: the file is larger than ${rule.maxBytes / MB} MB`);
      }
      for (let i = 0; i < chunk.length && head.length < 8; i += 1) head.push(chunk[i] as number);
    }
  } catch (error) {
    if (error instanceof CapaError) throw error;
    throw failedDownload(rule.field, error instanceof Error ? error.message : 'the download broke off');
  }
  if (size === 0) throw capaErrors.invalidInput(`${rule.field}: the file is empty`);
  const format = formatOf(Uint8Array.from(head));
  if (format === null || !rule.formats.includes(format)) {
    const allowed = rule.formats.map((f) => formatNames[f]).join(', ');
    throw capaErrors.invalidInput(`${rule.field}: the file must be ${allowed}`);
  }
  return { field: rule.field, format, size };
}
