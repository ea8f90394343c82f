import { type Dispatcher, errors } from 'undici';
import type { DeadlineSignal } from './http';

export interface WholeResponse {
  statusCode: number;
  text: string;
}

/**
 * Sends one request and collects its answer whole, as UTF-8 text. Provider JSON is read entirely before it
 * is parsed, so this takes the chunks straight from undici's dispatcher rather than through a body stream,
 * which per call costs more than the chunks it carries. Rejects with undici's own errors (timeouts, size
 * limit, socket failures), or a RequestAbortedError as soon as `signal` fires.
 */
export function sendForText(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal: DeadlineSignal,
): Promise<WholeResponse> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new errors.RequestAbortedError());
      return;
    }
    dispatcher.dispatch(options, new TextCollector(resolve, reject, signal));
  });
}

class TextCollector implements Dispatcher.DispatchHandler {
  #statusCode = 0;
  #chunks: Buffer[] = [];
  #length = 0;
  #controller: Dispatcher.DispatchController | null = null;
  #aborted = false;
  readonly #onAbort: () => void;

  constructor(
    private readonly resolve: (response: WholeResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly signal: DeadlineSignal,
  ) {
    // Assigned here, not as a field initialiser, which tsx (keepNames) would rename on every instance.
    this.#onAbort = () => this.#abort();
    signal.on('abort', this.#onAbort);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Retried on a fresh connection, undici starts the request again with a new controller.
    this.#controller = controller;
    if (this.#aborted) controller.abort(new errors.RequestAbortedError());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    // Called again after a 1xx answer: the final status wins, and only it has a body.
    this.#statusCode = statusCode;
    this.#chunks = [];
    this.#length = 0;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  onResponseEnd(): void {
    this.signal.off('abort', this.#onAbort);
    this.resolve({ statusCode: this.#statusCode, text: decodeUtf8(this.#chunks, this.#length) });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.signal.off('abort', this.#onAbort);
    this.reject(error);
  }

  #abort() {
    this.#aborted = true;
    // Settle now even if the request still waits for a connection; undici reports the abort later.
    this.reject(new errors.RequestAbortedError());
    this.#controller?.abort(new errors.RequestAbortedError());
  }
}

/** The text of the chunks, without a UTF-8 byte order mark (as undici's `body.text()` reads it). */
function decodeUtf8(chunks: readonly Buffer[], length: number): string {
  if (length === 0) return '';
  const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
  const start = length >= 3 && whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf ? 3 : 0;
  return whole.toString('utf8', start, length);
}
