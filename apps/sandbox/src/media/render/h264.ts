import { BitWriter } from './bit-writer';
import type { YuvPicture } from './yuv';

// An H.264 encoder that stores every macroblock as I_PCM: the samples go into the bitstream uncompressed, so
// there is no prediction, transform or entropy coding to get wrong, and any H.264 decoder plays the result.
// The price is size (384 bytes a macroblock), which is fine for a thumbnail-sized clip. Each picture is an IDR
// picture in a single I slice, coded with CAVLC in the Constrained Baseline profile (ITU-T H.264 §A.2.1.1).

const PROFILE_BASELINE = 66;
/** constraint_set0_flag and constraint_set1_flag: Baseline that Main decoders can also play (Constrained Baseline). */
const CONSTRAINED_BASELINE_FLAGS = 0b1100_0000;
/** Level 2.1 allows 792 macroblocks a frame and 4 Mbit/s; uncompressed 160×120 at 10 fps is about 2.5 Mbit/s. */
const LEVEL_IDC = 21;
const MAX_MACROBLOCKS = 792;
const LOG2_MAX_FRAME_NUM = 4;
const MB_TYPE_I_PCM = 25;
const SLICE_TYPE_I_ALL = 7;

const NAL_IDR_SLICE = 5;
const NAL_SPS = 7;
const NAL_PPS = 8;

export interface IPcmEncoder {
  /** The sequence parameter set NAL unit (header byte included). */
  sps: Uint8Array;
  /** The picture parameter set NAL unit (header byte included). */
  pps: Uint8Array;
  /** The coded size: display size rounded up to whole macroblocks; pictures passed to encode have this size. */
  codedWidth: number;
  codedHeight: number;
  /** One IDR access unit's slice NAL unit; index alternates idr_pic_id, which consecutive IDRs must not share. */
  encode(picture: YuvPicture, index: number): Uint8Array;
}

/** An encoder for pictures shown at width × height (even numbers), padded internally to whole macroblocks. */
export function createIPcmEncoder(width: number, height: number): IPcmEncoder {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 pictures need an even width and height');
  const widthInMbs = Math.ceil(width / 16);
  const heightInMbs = Math.ceil(height / 16);
  if (widthInMbs * heightInMbs > MAX_MACROBLOCKS) throw new Error('picture too large for level 2.1');
  const codedWidth = widthInMbs * 16;
  const codedHeight = heightInMbs * 16;

  return {
    sps: nalUnit(
      3,
      NAL_SPS,
      sequenceParameterSet(widthInMbs, heightInMbs, codedWidth - width, codedHeight - height),
    ),
    pps: nalUnit(3, NAL_PPS, pictureParameterSet()),
    codedWidth,
    codedHeight,
    encode(picture, index) {
      if (picture.width !== codedWidth || picture.height !== codedHeight) {
        throw new Error(`picture must be ${codedWidth}×${codedHeight}`);
      }
      return nalUnit(3, NAL_IDR_SLICE, idrSlice(picture, index % 2));
    },
  };
}

function sequenceParameterSet(widthInMbs: number, heightInMbs: number, padRight: number, padBottom: number) {
  const w = new BitWriter();
  w.u(8, PROFILE_BASELINE);
  w.u(8, CONSTRAINED_BASELINE_FLAGS);
  w.u(8, LEVEL_IDC);
  w.ue(0); // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4);
  w.ue(2); // pic_order_cnt_type 2: output order is decoding order, nothing to signal per slice
  w.ue(1); // max_num_ref_frames: an IDR picture is a reference picture
  w.u(1, 0); // gaps_in_frame_num_value_allowed_flag
  w.ue(widthInMbs - 1);
  w.ue(heightInMbs - 1); // pic_height_in_map_units_minus1
  w.u(1, 1); // frame_mbs_only_flag
  w.u(1, 1); // direct_8x8_inference_flag
  const cropped = padRight > 0 || padBottom > 0;
  w.u(1, cropped ? 1 : 0); // frame_cropping_flag
  if (cropped) {
    // Offsets count chroma samples: 2 luma samples each in 4:2:0 frames.
    w.ue(0);
    w.ue(padRight / 2);
    w.ue(0);
    w.ue(padBottom / 2);
  }
  w.u(1, 1); // vui_parameters_present_flag
  videoUsability(w);
  w.trailingBits();
  return w.finish();
}

/**
 * VUI (§E.1.1): declares the BT.601 limited-range colours the samples use, and that pictures are output as soon
 * as they are decoded. Without bitstream_restriction a decoder may hold frames back for reordering it
 * cannot rule out.
 */
function videoUsability(w: BitWriter): void {
  w.u(1, 0); // aspect_ratio_info_present_flag
  w.u(1, 0); // overscan_info_present_flag
  w.u(1, 1); // video_signal_type_present_flag
  w.u(3, 5); // video_format: unspecified
  w.u(1, 0); // video_full_range_flag
  w.u(1, 1); // colour_description_present_flag
  w.u(8, 6); // colour_primaries: SMPTE 170M (BT.601)
  w.u(8, 6); // transfer_characteristics
  w.u(8, 6); // matrix_coefficients
  w.u(1, 0); // chroma_loc_info_present_flag
  w.u(1, 0); // timing_info_present_flag: the container carries the timing
  w.u(1, 0); // nal_hrd_parameters_present_flag
  w.u(1, 0); // vcl_hrd_parameters_present_flag
  w.u(1, 0); // pic_struct_present_flag
  w.u(1, 1); // bitstream_restriction_flag
  w.u(1, 1); // motion_vectors_over_pic_boundaries_flag
  w.ue(0); // max_bytes_per_pic_denom: no limit
  w.ue(0); // max_bits_per_mb_denom: no limit
  w.ue(15); // log2_max_mv_length_horizontal
  w.ue(15); // log2_max_mv_length_vertical
  w.ue(0); // max_num_reorder_frames
  w.ue(1); // max_dec_frame_buffering
}

function pictureParameterSet() {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.u(1, 0); // entropy_coding_mode_flag: CAVLC
  w.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.u(1, 0); // weighted_pred_flag
  w.u(2, 0); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.u(1, 1); // deblocking_filter_control_present_flag
  w.u(1, 0); // constrained_intra_pred_flag
  w.u(1, 0); // redundant_pic_cnt_present_flag
  w.trailingBits();
  return w.finish();
}

function idrSlice(picture: YuvPicture, idrPicId: number): Uint8Array {
  const widthInMbs = picture.width / 16;
  const heightInMbs = picture.height / 16;
  const w = new BitWriter(32 + widthInMbs * heightInMbs * 386);
  w.ue(0); // first_mb_in_slice
  w.ue(SLICE_TYPE_I_ALL);
  w.ue(0); // pic_parameter_set_id
  w.u(LOG2_MAX_FRAME_NUM, 0); // frame_num: always 0 in an IDR picture
  w.ue(idrPicId);
  w.u(1, 0); // no_output_of_prior_pics_flag
  w.u(1, 0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: the samples are exact, there is nothing to smooth

  const samples = new Uint8Array(384);
  const chromaWidth = picture.width / 2;
  for (let mbY = 0; mbY < heightInMbs; mbY++) {
    for (let mbX = 0; mbX < widthInMbs; mbX++) {
      w.ue(MB_TYPE_I_PCM);
      w.alignWithZeros();
      copyBlock(picture.y, picture.width, mbX * 16, mbY * 16, 16, samples, 0);
      copyBlock(picture.cb, chromaWidth, mbX * 8, mbY * 8, 8, samples, 256);
      copyBlock(picture.cr, chromaWidth, mbX * 8, mbY * 8, 8, samples, 320);
      w.bytes(samples);
    }
  }
  w.trailingBits();
  return w.finish();
}

/** Copies a size × size block of a plane, row by row, into target from offset on. */
function copyBlock(
  plane: Uint8Array,
  stride: number,
  x: number,
  y: number,
  size: number,
  target: Uint8Array,
  offset: number,
): void {
  let to = offset;
  for (let row = 0; row < size; row++) {
    const from = (y + row) * stride + x;
    for (let col = 0; col < size; col++) target[to++] = plane[from + col]!;
  }
}

/**
 * A NAL unit: the header byte, then the RBSP with an emulation prevention byte (0x03) inserted wherever two zero
 * bytes would be followed by a byte ≤ 0x03, so no start code can appear inside the unit (§7.3.1, §7.4.1).
 */
function nalUnit(nalRefIdc: number, nalUnitType: number, rbsp: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of((nalRefIdc << 5) | nalUnitType)];
  let copied = 0;
  for (let zero = rbsp.indexOf(0); zero !== -1 && zero + 2 < rbsp.length; zero = rbsp.indexOf(0, zero + 1)) {
    if (rbsp[zero + 1] === 0 && rbsp[zero + 2]! <= 3) {
      parts.push(rbsp.subarray(copied, zero + 2), Uint8Array.of(3));
      copied = zero + 2;
      zero += 1;
    }
  }
  parts.push(rbsp.subarray(copied));
  return Buffer.concat(parts);
}
