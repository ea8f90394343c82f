export {
  type CapaKybContext,
  type CapaKycContext,
  capaMediaFields,
  capaMediaUrl,
  normaliseCapaKyb,
  normaliseCapaKyc,
  sameCapaMediaView,
} from './capa';
export { type ConnectfiStatusContext, normaliseConnectfiStatus } from './connectfi';
export { customerKycStatus } from './connectfi/customer-kyc-status';
export { UnusableUpstreamPayload } from './errors';
export { NEAR_EXPIRY_DAYS } from './expiry';
