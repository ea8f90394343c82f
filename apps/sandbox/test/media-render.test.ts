import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type MediaKind, type MediaSubject, renderMedia } from '../src/media/render';
import { lookFor } from '../src/media/render/look';
import { selfieVideoFrames } from '../src/media/render/selfie-video';

const subject: MediaSubject = {
  key: 'capa:applicant-0001',
  fullName: 'José Álvarez-Núñez',
  idNumber: 'X1234567Z',
  birthDate: '1987-04-12',
  expiryDate: '2031-09-30',
};
const imageKinds = [
  { kind: 'front', width: 480, height: 300 },
  { kind: 'back', width: 480, height: 300 },
  { kind: 'selfie', width: 320, height: 400 },
] as const;
const allKinds: MediaKind[] = ['front', 'back', 'selfie', 'selfie-video'];

// ---------------------------------------------------------------------------------------------------------
// PNG reading

interface PngChunk {
  type: string;
  data: Buffer;
  crc: number;
}

function pngChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
      crc: png.readUInt32BE(at + 8 + length),
    });
    at += 12 + length;
  }
  expect(at).toBe(png.length);
  return chunks;
}

function pngScanlines(png: Buffer): Buffer {
  const idat = pngChunks(png).filter((chunk) => chunk.type === 'IDAT');
  return inflateSync(Buffer.concat(idat.map((chunk) => chunk.data)));
}

// ---------------------------------------------------------------------------------------------------------
// MP4 reading

interface Mp4Box {
  type: string;
  start: number;
  end: number;
  /** Where the payload starts (after the size/type header, and after version/flags for full boxes). */
  body: number;
  children: Mp4Box[];
}

const containers = new Set(['moov', 'trak', 'mdia', 'minf', 'dinf', 'stbl']);
const fullBoxes = new Set(['mvhd', 'tkhd', 'mdhd', 'hdlr', 'vmhd', 'dref', 'stsd', 'stts', 'stss', 'stsc']);
const tableBoxes = new Set(['stsz', 'stco']);

function mp4Boxes(file: Buffer, start: number, end: number): Mp4Box[] {
  const boxes: Mp4Box[] = [];
  let at = start;
  while (at < end) {
    const size = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    expect(size).toBeGreaterThanOrEqual(8);
    expect(at + size).toBeLessThanOrEqual(end);
    const isFull = fullBoxes.has(type) || tableBoxes.has(type);
    const body = at + (isFull ? 12 : 8);
    let children: Mp4Box[] = [];
    if (containers.has(type)) children = mp4Boxes(file, body, at + size);
    if (type === 'stsd') children = mp4Boxes(file, body + 4, at + size);
    // VisualSampleEntry fields take 78 bytes before the avc1 child boxes.
    if (type === 'avc1') children = mp4Boxes(file, body + 78, at + size);
    boxes.push({ type, start: at, end: at + size, body, children });
    at += size;
  }
  return boxes;
}

function find(boxes: Mp4Box[], path: string): Mp4Box {
  const [head, ...rest] = path.split('/');
  const found = boxes.find((box) => box.type === head);
  if (!found) throw new Error(`no ${head} box`);
  return rest.length === 0 ? found : find(found.children, rest.join('/'));
}

function u32s(file: Buffer, from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => file.readUInt32BE(from + i * 4));
}

function lengthPrefixedNalUnits(sample: Buffer): Buffer[] {
  const units: Buffer[] = [];
  let at = 0;
  while (at < sample.length) {
    const length = sample.readUInt32BE(at);
    units.push(sample.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  expect(at).toBe(sample.length);
  return units;
}

interface ParsedMp4 {
  file: Buffer;
  top: Mp4Box[];
  sps: Buffer;
  pps: Buffer;
  samples: Buffer[];
}

function parseMp4(file: Buffer): ParsedMp4 {
  const top = mp4Boxes(file, 0, file.length);
  const stbl = find(top, 'moov/trak/mdia/minf/stbl');
  const avcC = find(stbl.children, 'stsd/avc1/avcC');
  let at = avcC.body + 5;
  expect(file[at]).toBe(0xe1); // one SPS
  const spsLength = file.readUInt16BE(at + 1);
  const sps = file.subarray(at + 3, at + 3 + spsLength);
  at += 3 + spsLength;
  expect(file[at]).toBe(1); // one PPS
  const ppsLength = file.readUInt16BE(at + 1);
  const pps = file.subarray(at + 3, at + 3 + ppsLength);
  expect(at + 3 + ppsLength).toBe(avcC.end);

  const stsz = find(stbl.children, 'stsz');
  expect(file.readUInt32BE(stsz.body)).toBe(0); // sizes listed per sample
  const sizes = u32s(file, stsz.body + 8, file.readUInt32BE(stsz.body + 4));
  const stco = find(stbl.children, 'stco');
  expect(file.readUInt32BE(stco.body)).toBe(1);
  let offset = file.readUInt32BE(stco.body + 4);
  const samples = sizes.map((size) => {
    const sample = file.subarray(offset, offset + size);
    offset += size;
    return sample;
  });
  return { file, top, sps, pps, samples };
}

// ---------------------------------------------------------------------------------------------------------
// H.264 reading

/** Removes emulation prevention bytes: the RBSP inside a NAL unit payload. */
function rbspOf(nalPayload: Buffer): Buffer {
  const out = Buffer.alloc(nalPayload.length);
  let length = 0;
  let zeros = 0;
  for (let i = 0; i < nalPayload.length; i++) {
    const byte = nalPayload[i]!;
    if (zeros === 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out[length++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}

class BitReader {
  position = 0;
  constructor(private readonly data: Buffer) {}

  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.data[this.position >> 3];
      if (byte === undefined) throw new Error('read past the end of the RBSP');
      value = value * 2 + ((byte >> (7 - (this.position & 7))) & 1);
      this.position++;
    }
    return value;
  }

  ue(): number {
    let leadingZeros = 0;
    while (this.u(1) === 0) leadingZeros++;
    return 2 ** leadingZeros - 1 + this.u(leadingZeros);
  }

  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : 0 - code / 2;
  }

  skipBytes(count: number): void {
    this.position += count * 8;
  }

  /** rbsp_trailing_bits: a one, zeros to the byte boundary, and nothing after. */
  expectTrailingBits(): void {
    expect(this.u(1)).toBe(1);
    while (this.position % 8 !== 0) expect(this.u(1)).toBe(0);
    expect(this.position / 8).toBe(this.data.length);
  }
}

interface SequenceParameters {
  profileIdc: number;
  constraintFlags: number;
  levelIdc: number;
  log2MaxFrameNum: number;
  pocType: number;
  width: number;
  height: number;
  widthInMbs: number;
  heightInMbs: number;
  maxNumReorderFrames: number;
}

function parseSps(nal: Buffer): SequenceParameters {
  const r = new BitReader(rbspOf(nal.subarray(1)));
  const profileIdc = r.u(8);
  const constraintFlags = r.u(8);
  const levelIdc = r.u(8);
  expect(r.ue()).toBe(0); // seq_parameter_set_id
  const log2MaxFrameNum = r.ue() + 4;
  const pocType = r.ue();
  r.ue(); // max_num_ref_frames
  expect(r.u(1)).toBe(0); // gaps_in_frame_num_value_allowed_flag
  const widthInMbs = r.ue() + 1;
  const heightInMbs = r.ue() + 1;
  expect(r.u(1)).toBe(1); // frame_mbs_only_flag
  r.u(1); // direct_8x8_inference_flag
  const crop = r.u(1) === 1 ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
  const [left = 0, right = 0, top = 0, bottom = 0] = crop;
  let maxNumReorderFrames = -1;
  if (r.u(1) === 1) {
    expect(r.u(1)).toBe(0); // aspect_ratio_info_present_flag
    expect(r.u(1)).toBe(0); // overscan_info_present_flag
    if (r.u(1) === 1) {
      r.u(4); // video_format, video_full_range_flag
      if (r.u(1) === 1) r.u(24); // colour description
    }
    expect(r.u(1)).toBe(0); // chroma_loc_info_present_flag
    expect(r.u(1)).toBe(0); // timing_info_present_flag
    expect(r.u(1)).toBe(0); // nal_hrd_parameters_present_flag
    expect(r.u(1)).toBe(0); // vcl_hrd_parameters_present_flag
    expect(r.u(1)).toBe(0); // pic_struct_present_flag
    if (r.u(1) === 1) {
      r.u(1);
      r.ue();
      r.ue();
      r.ue();
      r.ue();
      maxNumReorderFrames = r.ue();
      r.ue();
    }
  }
  r.expectTrailingBits();
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    log2MaxFrameNum,
    pocType,
    widthInMbs,
    heightInMbs,
    width: widthInMbs * 16 - 2 * (left + right),
    height: heightInMbs * 16 - 2 * (top + bottom),
    maxNumReorderFrames,
  };
}

/** Reads an IDR slice of I_PCM macroblocks and returns its idr_pic_id and the luma plane it carries. */
function parseIPcmSlice(nal: Buffer, sps: SequenceParameters): { idrPicId: number; luma: Buffer } {
  const rbsp = rbspOf(nal.subarray(1));
  const r = new BitReader(rbsp);
  expect(r.ue()).toBe(0); // first_mb_in_slice
  expect(r.ue() % 5).toBe(2); // an I slice
  expect(r.ue()).toBe(0); // pic_parameter_set_id
  expect(r.u(sps.log2MaxFrameNum)).toBe(0); // frame_num of an IDR picture
  const idrPicId = r.ue();
  expect(r.u(1)).toBe(0); // no_output_of_prior_pics_flag
  expect(r.u(1)).toBe(0); // long_term_reference_flag
  expect(r.se()).toBe(0); // slice_qp_delta
  expect(r.ue()).toBe(1); // disable_deblocking_filter_idc

  const stride = sps.widthInMbs * 16;
  const luma = Buffer.alloc(stride * sps.heightInMbs * 16);
  const mbTypes = new Set<number>();
  let alignmentOnes = 0;
  for (let mb = 0; mb < sps.widthInMbs * sps.heightInMbs; mb++) {
    mbTypes.add(r.ue());
    while (r.position % 8 !== 0) alignmentOnes += r.u(1); // pcm_alignment_zero_bit
    const at = r.position / 8;
    const x = (mb % sps.widthInMbs) * 16;
    const y = Math.floor(mb / sps.widthInMbs) * 16;
    for (let row = 0; row < 16; row++)
      rbsp.copy(luma, (y + row) * stride + x, at + row * 16, at + row * 16 + 16);
    r.skipBytes(384);
  }
  expect([...mbTypes]).toEqual([25]); // I_PCM only
  expect(alignmentOnes).toBe(0);
  r.expectTrailingBits();
  return { idrPicId, luma };
}

// ---------------------------------------------------------------------------------------------------------

describe('renderMedia images', () => {
  for (const { kind, width, height } of imageKinds) {
    it(`draws the ${kind} as a valid ${width}×${height} RGB PNG`, () => {
      const { contentType, body } = renderMedia(kind, subject);
      expect(contentType).toBe('image/png');
      expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

      const chunks = pngChunks(body);
      expect(chunks[0]?.type).toBe('IHDR');
      expect(chunks.at(-1)?.type).toBe('IEND');
      for (const chunk of chunks) {
        expect(crc32(Buffer.concat([Buffer.from(chunk.type, 'latin1'), chunk.data]))).toBe(chunk.crc);
      }
      const header = chunks[0]!.data;
      expect(header.readUInt32BE(0)).toBe(width);
      expect(header.readUInt32BE(4)).toBe(height);
      expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]); // 8-bit RGB, no interlace

      const scanlines = pngScanlines(body);
      expect(scanlines.length).toBe(height * (1 + width * 3));
      const colours = new Set<number>();
      for (let row = 0; row < height; row++) {
        const line = row * (1 + width * 3);
        expect(scanlines[line]).toBe(0); // filter type None
        for (let col = 0; col < width; col += 3) colours.add(scanlines.readUIntBE(line + 1 + col * 3, 3));
      }
      expect(colours.size).toBeGreaterThan(6);
    });
  }

  it('prints the document fields, so different numbers give different cards', () => {
    const other = { ...subject, idNumber: 'Y7654321A' };
    expect(renderMedia('front', other).body.equals(renderMedia('front', subject).body)).toBe(false);
    expect(renderMedia('back', other).body.equals(renderMedia('back', subject).body)).toBe(false);
    expect(renderMedia('selfie', other).body.equals(renderMedia('selfie', subject).body)).toBe(true);
  });

  it('draws names in any script and missing fields without failing', () => {
    for (const fullName of ['李小龍', '', 'A'.repeat(200), 'Zoë O’Brien-Smith Jr.']) {
      const bare = { key: `key-${fullName}`, fullName };
      for (const kind of ['front', 'back'] as const) {
        const scanlines = pngScanlines(renderMedia(kind, bare).body);
        expect(scanlines.length).toBe(300 * (1 + 480 * 3));
      }
    }
  });
});

describe('renderMedia determinism', () => {
  it('gives the same bytes for the same subject, and different bytes for another key', () => {
    for (const kind of allKinds) {
      const first = renderMedia(kind, subject).body;
      expect(renderMedia(kind, { ...subject }).body.equals(first)).toBe(true);
      expect(renderMedia(kind, { ...subject, key: 'capa:applicant-0002' }).body.equals(first)).toBe(false);
    }
  });

  it('gives every kind its own picture', () => {
    const bodies = allKinds.map((kind) => renderMedia(kind, subject).body.toString('base64'));
    expect(new Set(bodies).size).toBe(allKinds.length);
  });
});

describe('renderMedia selfie video', () => {
  const video = renderMedia('selfie-video', subject);
  const mp4 = parseMp4(video.body);

  it('is a fast-start MP4 whose sample table matches the media data', () => {
    expect(video.contentType).toBe('video/mp4');
    expect(mp4.top.map((box) => box.type)).toEqual(['ftyp', 'moov', 'mdat']);
    const ftyp = find(mp4.top, 'ftyp');
    const brands = video.body.toString('latin1', ftyp.start + 8, ftyp.end);
    expect(brands.slice(0, 4)).toBe('isom');
    expect(brands).toContain('avc1');

    const trak = find(mp4.top, 'moov/trak');
    const tkhd = find(trak.children, 'tkhd');
    expect(video.body.readUInt32BE(tkhd.end - 8) / 0x10000).toBe(160);
    expect(video.body.readUInt32BE(tkhd.end - 4) / 0x10000).toBe(120);
    const hdlr = find(trak.children, 'mdia/hdlr');
    expect(video.body.toString('latin1', hdlr.body + 4, hdlr.body + 8)).toBe('vide');
    const mdhd = find(trak.children, 'mdia/mdhd');
    const timescale = video.body.readUInt32BE(mdhd.body + 8);
    const duration = video.body.readUInt32BE(mdhd.body + 12);
    expect(duration / timescale).toBe(2);

    const stbl = find(trak.children, 'mdia/minf/stbl');
    const avc1 = find(stbl.children, 'stsd/avc1');
    expect(video.body.readUInt16BE(avc1.body + 24)).toBe(160);
    expect(video.body.readUInt16BE(avc1.body + 26)).toBe(120);
    const frames = mp4.samples.length;
    expect(frames).toBe(20);
    const stts = find(stbl.children, 'stts');
    const [entries = 0, count = 0, delta = 0] = u32s(video.body, stts.body, 3);
    expect([entries, count, count * delta]).toEqual([1, frames, duration]);
    const stss = find(stbl.children, 'stss');
    expect(u32s(video.body, stss.body, frames + 1)).toEqual([frames, ...mp4.samples.map((_, i) => i + 1)]);
    expect(u32s(video.body, find(stbl.children, 'stsc').body, 4)).toEqual([1, 1, frames, 1]);

    const mdat = find(mp4.top, 'mdat');
    const stco = find(stbl.children, 'stco');
    expect(video.body.readUInt32BE(stco.body + 4)).toBe(mdat.start + 8);
    const sampleBytes = mp4.samples.reduce((sum, sample) => sum + sample.length, 0);
    expect(sampleBytes).toBe(mdat.end - mdat.start - 8);
  });

  it('carries SPS, PPS and an IDR slice in every sample, with no start code inside a NAL unit', () => {
    for (const sample of mp4.samples) {
      const units = lengthPrefixedNalUnits(sample);
      expect(units.map((unit) => (unit[0] ?? 0) & 0x1f)).toEqual([7, 8, 5]);
      expect(units[0]!.equals(mp4.sps)).toBe(true);
      expect(units[1]!.equals(mp4.pps)).toBe(true);
      for (const unit of units) {
        expect((unit[0] ?? 0) & 0x80).toBe(0); // forbidden_zero_bit
        expect((unit[0] ?? 0) >> 5).toBeGreaterThan(0); // parameter sets and IDR slices are reference data
        for (let i = 1; i + 2 < unit.length; i++) {
          if (unit[i] === 0 && unit[i + 1] === 0) expect(unit[i + 2]).toBe(3);
        }
        expect(unit.at(-1)).not.toBe(0);
      }
    }
  });

  it('codes a 160×120 Constrained Baseline stream of I_PCM macroblocks', () => {
    const sps = parseSps(mp4.sps);
    expect(sps.profileIdc).toBe(66);
    expect(sps.constraintFlags & 0xc0).toBe(0xc0); // constraint_set0 and constraint_set1: Constrained Baseline
    expect(sps.levelIdc).toBe(21);
    expect(sps.pocType).toBe(2);
    expect(sps.maxNumReorderFrames).toBe(0);
    expect({ width: sps.width, height: sps.height }).toEqual({ width: 160, height: 120 });
    const avcC = find(mp4.top, 'moov/trak/mdia/minf/stbl/stsd/avc1/avcC');
    expect([...video.body.subarray(avcC.body + 1, avcC.body + 4)]).toEqual([...mp4.sps.subarray(1, 4)]);

    const pps = new BitReader(rbspOf(mp4.pps.subarray(1)));
    expect([pps.ue(), pps.ue(), pps.u(1)]).toEqual([0, 0, 0]); // ids, then entropy_coding_mode_flag = CAVLC

    const slices = mp4.samples.map((sample) => parseIPcmSlice(lengthPrefixedNalUnits(sample)[2]!, sps));
    // Consecutive IDR pictures must differ in idr_pic_id.
    slices.slice(1).forEach((slice, i) => {
      expect(slice.idrPicId).not.toBe(slices[i]!.idrPicId);
    });
    // The face moves: the pictures differ, and luma stays inside the limited (video) range.
    expect(new Set(slices.map((slice) => slice.luma.toString('base64'))).size).toBeGreaterThan(10);
    for (const { luma } of slices) {
      expect(Math.min(...luma)).toBeGreaterThanOrEqual(16);
      expect(Math.max(...luma)).toBeLessThanOrEqual(235);
    }
  });
});

// The page exposes its video's state, and the picture it currently shows as base64 RGBA (null until it can be
// drawn): one string crosses the DevTools protocol far faster than an array of numbers.
const playerPage = `<!doctype html>
<video id="selfie" src="/selfie.mp4" muted playsinline></video>
<script>
  const video = document.getElementById('selfie');
  window.videoState = () => ({
    readyState: video.readyState,
    width: video.videoWidth,
    height: video.videoHeight,
    error: video.error ? video.error.code + ' ' + video.error.message : null,
  });
  window.currentPicture = () => {
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    context.drawImage(video, 0, 0);
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    if (rgba[3] !== 255) return null;
    let binary = '';
    for (const value of rgba) binary += String.fromCharCode(value);
    return btoa(binary);
  };
</script>`;

interface VideoState {
  readyState: number;
  width: number;
  height: number;
  error: string | null;
}

function serveSelfiePage(mp4: Buffer): Server {
  return createServer((request, response) => {
    if (request.url !== '/selfie.mp4') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(playerPage);
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]), mp4.length - 1) : mp4.length - 1;
    response.writeHead(range ? 206 : 200, {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': end - start + 1,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${mp4.length}` } : {}),
    });
    response.end(mp4.subarray(start, end + 1));
  });
}

describe('renderMedia selfie video in Chromium', () => {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '';
  if (!chromiumPath) console.info('media-render: Chromium playback test not run (CHROMIUM_PATH is empty)');

  let server: Server | undefined;
  afterAll(() => {
    server?.close();
  });

  it.runIf(Boolean(process.env.CHROMIUM_PATH))('decodes and plays the MP4 in a <video> element', async () => {
    const firstFrame = selfieVideoFrames(lookFor(subject.key))[0]!;
    const listening = serveSelfiePage(renderMedia('selfie-video', subject).body);
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const { port } = listening.address() as AddressInfo;

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction('videoState().readyState >= 2 || videoState().error !== null', undefined, {
        timeout: 10_000,
      });
      const state = (await page.evaluate('videoState()')) as VideoState;
      expect(state).toMatchObject({ width: 160, height: 120, error: null });
      expect(state.readyState).toBeGreaterThanOrEqual(2);

      // The decoded first frame shows the picture that was encoded (colour conversion costs a few levels).
      const picture = await page.waitForFunction('currentPicture()', undefined, { timeout: 5_000 });
      const rgba = Buffer.from((await picture.jsonValue()) as string, 'base64');
      let difference = 0;
      for (let pixel = 0; pixel < 160 * 120; pixel++) {
        for (let channel = 0; channel < 3; channel++) {
          difference += Math.abs((rgba[pixel * 4 + channel] ?? 0) - (firstFrame[pixel * 3 + channel] ?? 0));
        }
      }
      expect(difference / (160 * 120 * 3)).toBeLessThan(4);

      await page.evaluate("document.getElementById('selfie').play()");
      await page.waitForFunction("document.getElementById('selfie').currentTime > 0.2", undefined, {
        timeout: 5_000,
      });
    } finally {
      await browser.close();
    }
  });
});
