import { ApiError, notifySessionExpired, readCsrfToken, toApiError } from './api-client';

export interface UploadOptions {
  /** Called with the share of the request body sent so far, 0 to 1. */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

function parse(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * POSTs a multipart form to the BFF with XMLHttpRequest rather than fetch: fetch reports no upload progress,
 * and a reviewer sending a 10 MB scan wants to see it move. Same cookies, CSRF header and ApiError as `api`.
 */
export function apiUpload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    const token = readCsrfToken();
    if (token !== null) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) notifySessionExpired();
      const requestId = xhr.getResponseHeader('x-request-id');
      reject(toApiError({ status: xhr.status, statusText: xhr.statusText, requestId }, body));
    };
    const failed = () =>
      reject(
        new ApiError({
          status: 0,
          code: 'network_error',
          message: 'The server could not be reached. Check the connection and try again.',
          requestId: null,
        }),
      );
    xhr.onerror = failed;
    xhr.ontimeout = failed;
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
