/** Writes H.264 syntax elements most significant bit first (ITU-T H.264 §7.2, §9.1). */
export class BitWriter {
  private buffer: Uint8Array;
  private length = 0;
  private pending = 0;
  private pendingBits = 0;

  constructor(capacity = 64) {
    this.buffer = new Uint8Array(capacity);
  }

  /** u(n): the low `count` bits of value. */
  u(count: number, value: number): void {
    for (let bit = count - 1; bit >= 0; bit--) {
      this.pending = (this.pending << 1) | ((value >>> bit) & 1);
      if (++this.pendingBits === 8) {
        this.push(this.pending);
        this.pending = 0;
        this.pendingBits = 0;
      }
    }
  }

  /** ue(v): unsigned exp-Golomb, leading zeros then value + 1 in binary. */
  ue(value: number): void {
    const codeNum = value + 1;
    const bits = 32 - Math.clz32(codeNum);
    this.u(bits - 1, 0);
    this.u(bits, codeNum);
  }

  /** se(v): signed exp-Golomb, 0, 1, -1, 2, -2… mapped to 0, 1, 2, 3, 4… */
  se(value: number): void {
    this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** Zero bits up to the next byte boundary (pcm_alignment_zero_bit, rbsp_alignment_zero_bit). */
  alignWithZeros(): void {
    if (this.pendingBits > 0) this.u(8 - this.pendingBits, 0);
  }

  /** rbsp_trailing_bits(): the stop bit, then zeros to the byte boundary. */
  trailingBits(): void {
    this.u(1, 1);
    this.alignWithZeros();
  }

  /** Whole bytes at a byte boundary, as I_PCM samples are. */
  bytes(data: Uint8Array): void {
    if (this.pendingBits !== 0) throw new Error('bytes must start on a byte boundary');
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** The bytes written so far; call at a byte boundary. */
  finish(): Uint8Array {
    if (this.pendingBits !== 0) throw new Error('the bitstream does not end on a byte boundary');
    return this.buffer.subarray(0, this.length);
  }

  private push(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
