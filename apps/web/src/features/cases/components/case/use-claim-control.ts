import type { CaseSummary, SessionUser } from '@review-desk/contracts';
import { useClaimCase } from '../../api/claim-case';
import { useReleaseCase } from '../../api/release-case';
import { claimAvailability, holdsClaim } from '../../utils/case-permissions';

/** Claiming and releasing the case: the header's buttons and the "c" key share it. */
export function useClaimControl(summary: CaseSummary, user: SessionUser) {
  const claim = useClaimCase();
  const release = useReleaseCase();
  const claimable = claimAvailability(user, summary);
  const mine = holdsClaim(user, summary);
  const target = { caseId: summary.id, version: summary.version };
  const doClaim = () => claim.mutate(target);
  const doRelease = () => release.mutate(target);
  return {
    claim,
    release,
    claimable,
    mine,
    doClaim,
    doRelease,
    /** Releases a held claim, or claims when the user may; nothing while either is under way. */
    toggle: () => {
      if (claim.isPending || release.isPending) return;
      if (mine) doRelease();
      else if (claimable.allowed) doClaim();
    },
  };
}

export type ClaimControl = ReturnType<typeof useClaimControl>;
