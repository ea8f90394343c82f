import { describe, expect, it, vi } from 'vitest';
import type { Upstreams } from '../../src/plugins/app/upstream';
import { SubjectService } from '../../src/subjects/subject-service';
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
