interface Submission<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

/**
 * Runs the calls that arrive while a batch is in flight together, as the next batch: for a write, one
 * statement or one transaction, so one commit (one WAL flush) for the batch instead of one each; for a read,
 * one query instead of one round trip each. A lone call on a quiet system runs at once; under a burst, each
 * batch carries what queued behind the previous one.
 *
 * `run` receives the batch in arrival order and returns one output per input, in the same order. When a batch
 * fails, each of its calls is run again alone, so one bad call never fails the others.
 */
export class Batcher<In, Out> {
  readonly #queued: Submission<In, Out>[] = [];
  #running = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    /** Calls run together at most. */
    private readonly maxBatch = 200,
  ) {}

  /** Resolves once `input` has run (with the batch it joined), never sooner. */
  submit(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.#queued.push({ input, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queued.length > 0) {
        const batch = this.#queued.splice(0, this.maxBatch);
        try {
          const outputs = await this.run(batch.map((submission) => submission.input));
          for (const [index, submission] of batch.entries()) submission.resolve(outputs[index] as Out);
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const submission of batch) {
            try {
              const [output] = await this.run([submission.input]);
              submission.resolve(output as Out);
            } catch (alone) {
              submission.reject(alone);
            }
          }
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
