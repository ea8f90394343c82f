/**
 * GET /api/cases/:id/evidence-pack.pdf, downloaded by the browser itself (a link, not a fetch): the session
 * cookie goes with it and the PDF is saved as a file. Masked unless `unmasked`.
 */
export const evidencePackUrl = (caseId: string, unmasked: boolean) =>
  `/api/cases/${encodeURIComponent(caseId)}/evidence-pack.pdf${unmasked ? '?unmasked=true' : ''}`;
