import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Upstreams } from '../../src/plugins/app/upstream';
import { isoTime, SubjectService } from '../../src/subjects/subject-service';
import { UpstreamError } from '../../src/upstream';
import { capaDocExample, capaDocUserId } from '../normalise/fixtures/capa';

function service() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const getKycDetails = vi.fn(async () => {
    await gate;
    return structuredClone(capaDocExample);
  });
  const upstreams = { capa: { getKycDetails }, connectfi: {} } as unknown as Pick<
    Upstreams,
    'capa' | 'connectfi'
  >;
  return { subjects: new SubjectService(upstreams), getKycDetails, release };
}

describe('SubjectService', () => {
  it('makes one provider read for the media requests of a page that arrive together', async () => {
    const { subjects, getKycDetails, release } = service();
    const reads = ['front', 'back', 'selfie', 'selfie-video'].map(() =>
      subjects.recent('capa', capaDocUserId),
    );
    release();
    const snapshots = await Promise.all(reads);
    expect(getKycDetails).toHaveBeenCalledTimes(1);
    expect(new Set(snapshots).size).toBe(1);
  });

  it('serves the media lookups that follow a view from the read the view made', async () => {
    const { subjects, getKycDetails, release } = service();
    release();
    const viewed = await subjects.read('capa', capaDocUserId);
    expect(await subjects.recent('capa', capaDocUserId)).toBe(viewed);
    expect(getKycDetails).toHaveBeenCalledTimes(1);
  });

  it('always reads the provider again for a view', async () => {
    const { subjects, getKycDetails, release } = service();
    release();
    await subjects.recent('capa', capaDocUserId);
    await subjects.read('capa', capaDocUserId);
    expect(getKycDetails).toHaveBeenCalledTimes(2);
  });
});

describe('SubjectService, Capa KYC or KYB', () => {
  const capaError = (upstreamStatus: number, upstreamCode: string, upstreamMessage: string) =>
    new UpstreamError('capa read failed', {
      provider: 'capa',
      kind: upstreamStatus === 404 ? 'not_found' : 'rejected',
      operation: 'read',
      upstreamStatus,
      upstreamCode,
      upstreamMessage,
    });
  const kyb = {
    verificationStatus: 'REVIEW_NEEDED',
    businessInfo: {
      businessName: 'Tacos Norte SA de CV',
      countryOfConstitution: 'MX',
      taxId: 'TNO190312AB1',
    },
    beneficialOwners: [{ fullName: 'Ana Majority', ownershipPercent: 60 }],
    verificationSessionId: 'vs_1',
    createdAt: '2026-02-27T09:00:00.000Z',
  };
  const business = (kycError: UpstreamError) => {
    const getKycDetails = vi.fn(async () => {
      throw kycError;
    });
    const getKybDetails = vi.fn(async () => structuredClone(kyb));
    const upstreams = { capa: { getKycDetails, getKybDetails }, connectfi: {} } as unknown as Pick<
      Upstreams,
      'capa' | 'connectfi'
    >;
    return { subjects: new SubjectService(upstreams), getKycDetails, getKybDetails };
  };

  it.each([
    ['404 for KYC details', capaError(404, 'NOT_FOUND_ERROR', 'Requested Verification was not found')],
    [
      '400 INVALID_VERIFICATION_TYPE_FOR_USER',
      capaError(
        400,
        'INVALID_VERIFICATION_TYPE_FOR_USER',
        'BUSINESS users can only request KYB verification',
      ),
    ],
  ])(
    'reads a business from KYB details after a %s, and asks for KYB first next time',
    async (_label, error) => {
      const { subjects, getKycDetails, getKybDetails } = business(error);
      const first = await subjects.read('capa', 'biz-1');
      expect(first.view.subject).toMatchObject({ type: 'business', displayName: 'Tacos Norte SA de CV' });
      expect(first.raw).toEqual(kyb);
      await subjects.read('capa', 'biz-1');
      expect(getKycDetails).toHaveBeenCalledTimes(1);
      expect(getKybDetails).toHaveBeenCalledTimes(2);
    },
  );

  it('tells a user Capa does not know from one without a verification', async () => {
    const unknownUser = capaError(404, 'NOT_FOUND_ERROR', 'Requested User was not found');
    const upstreams = {
      capa: {
        getKycDetails: async () => {
          throw unknownUser;
        },
        getKybDetails: async () => {
          throw unknownUser;
        },
      },
      connectfi: {},
    } as unknown as Pick<Upstreams, 'capa' | 'connectfi'>;
    await expect(new SubjectService(upstreams).read('capa', 'nobody')).rejects.toBe(unknownUser);

    const { subjects, getKybDetails } = business(
      capaError(404, 'NOT_FOUND_ERROR', 'Requested Verification was not found'),
    );
    getKybDetails.mockRejectedValue(
      capaError(404, 'NOT_FOUND_ERROR', 'Requested KYB Verification was not found'),
    );
    await expect(subjects.read('capa', 'biz-2')).rejects.toMatchObject({
      statusCode: 404,
      code: 'no_verification',
    });
  });
});

describe('isoTime', () => {
  it('writes every time as toISOString does, in any order, across seconds, years and the epoch', () => {
    const instant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: -2_000, max: 2_000 }),
      fc.integer({ min: 253_402_300_798_000, max: 253_402_300_802_000 }),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 500 },
    );
  });
});
