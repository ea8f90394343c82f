// An MP4 (ISO/IEC 14496-12) writer for a single H.264 video track whose samples all sit in one chunk. The moov
// box comes before mdat ("fast start"), so a player can begin from the first bytes of a range request.

export interface AvcTrack {
  width: number;
  height: number;
  /** Ticks per second for sample durations. */
  timescale: number;
  sampleDuration: number;
  /** Parameter set NAL units for the avcC configuration record. */
  sps: Uint8Array;
  pps: Uint8Array;
  /** One access unit per sample, each a list of NAL units; every sample is a sync sample (IDR). */
  samples: Uint8Array[][];
}

const MOVIE_TIMESCALE = 1000;
const unityMatrix = [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000];

export function muxMp4(track: AvcTrack): Buffer {
  const samples = track.samples.map(lengthPrefixed);
  const fileType = box(
    'ftyp',
    ascii('isom'),
    u32(0x200),
    ascii('isom'),
    ascii('iso2'),
    ascii('avc1'),
    ascii('mp41'),
  );
  const payloadSize = samples.reduce((sum, sample) => sum + sample.length, 0);
  // The chunk offset is an absolute file position that depends on moov's own size, which does not depend on
  // the offset's value: size moov once, then write it with the real offset.
  const moovSize = movie(track, samples, 0).length;
  const movieBox = movie(track, samples, fileType.length + moovSize + 8);
  const mediaDataHeader = Buffer.alloc(8);
  mediaDataHeader.writeUInt32BE(8 + payloadSize, 0);
  mediaDataHeader.write('mdat', 4, 'latin1');
  return Buffer.concat([fileType, movieBox, mediaDataHeader, ...samples]);
}

function movie(track: AvcTrack, samples: Uint8Array[], chunkOffset: number): Buffer {
  const mediaDuration = track.sampleDuration * samples.length;
  const movieDuration = Math.round((mediaDuration * MOVIE_TIMESCALE) / track.timescale);
  return box(
    'moov',
    fullBox(
      'mvhd',
      0,
      0,
      u32(0, 0, MOVIE_TIMESCALE, movieDuration, 0x0001_0000),
      u16(0x0100, 0),
      u32(0, 0, ...unityMatrix, 0, 0, 0, 0, 0, 0, 2),
    ),
    box(
      'trak',
      fullBox(
        'tkhd',
        0,
        0x000003, // enabled, in movie
        u32(0, 0, 1, 0, movieDuration, 0, 0),
        u16(0, 0, 0, 0),
        u32(...unityMatrix, track.width * 0x1_0000, track.height * 0x1_0000),
      ),
      box(
        'mdia',
        fullBox('mdhd', 0, 0, u32(0, 0, track.timescale, mediaDuration), u16(languageCode('und'), 0)),
        fullBox('hdlr', 0, 0, u32(0), ascii('vide'), u32(0, 0, 0), ascii('VideoHandler\0')),
        box(
          'minf',
          fullBox('vmhd', 0, 1, u16(0, 0, 0, 0)),
          box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
          sampleTable(track, samples, chunkOffset),
        ),
      ),
    ),
  );
}

function sampleTable(track: AvcTrack, samples: Uint8Array[], chunkOffset: number): Buffer {
  const count = samples.length;
  return box(
    'stbl',
    fullBox('stsd', 0, 0, u32(1), visualSampleEntry(track)),
    fullBox('stts', 0, 0, u32(1, count, track.sampleDuration)),
    fullBox('stss', 0, 0, u32(count, ...samples.map((_, i) => i + 1))),
    fullBox('stsc', 0, 0, u32(1, 1, count, 1)),
    fullBox('stsz', 0, 0, u32(0, count, ...samples.map((sample) => sample.length))),
    fullBox('stco', 0, 0, u32(1, chunkOffset)),
  );
}

function visualSampleEntry(track: AvcTrack): Buffer {
  const compressorName = Buffer.alloc(32);
  return box(
    'avc1',
    Buffer.alloc(6), // reserved
    u16(1), // data_reference_index
    u16(0, 0),
    u32(0, 0, 0),
    u16(track.width, track.height),
    u32(0x0048_0000, 0x0048_0000, 0), // 72 dpi, reserved
    u16(1), // frame_count
    compressorName,
    u16(0x0018, 0xffff), // depth, pre_defined = -1
    avcConfiguration(track.sps, track.pps),
  );
}

/** The AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1), with 4-byte NAL unit lengths. */
function avcConfiguration(sps: Uint8Array, pps: Uint8Array): Buffer {
  return box(
    'avcC',
    Buffer.from([1, sps[1] ?? 0, sps[2] ?? 0, sps[3] ?? 0, 0xfc | 3, 0xe0 | 1]),
    u16(sps.length),
    sps,
    Buffer.from([1]),
    u16(pps.length),
    pps,
  );
}

function lengthPrefixed(nalUnits: Uint8Array[]): Buffer {
  return Buffer.concat(nalUnits.flatMap((nal) => [u32(nal.length), nal]));
}

function box(type: string, ...parts: Uint8Array[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, ...parts]);
}

function fullBox(type: string, version: number, flags: number, ...parts: Uint8Array[]): Buffer {
  return box(type, u32(version * 0x100_0000 + flags), ...parts);
}

function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => {
    out.writeUInt32BE(value >>> 0, i * 4);
  });
  return out;
}

function u16(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 2);
  values.forEach((value, i) => {
    out.writeUInt16BE(value, i * 2);
  });
  return out;
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** ISO 639-2/T code packed as three 5-bit letters offset by 0x60. */
function languageCode(code: string): number {
  return [...code].reduce((packed, char) => (packed << 5) | (char.charCodeAt(0) - 0x60), 0);
}
