import { scenarioIndex, startSandbox } from '@review-desk/sandbox';
import { serveParent } from '../lib/child';

/** The provider sandbox on free loopback ports, with the subjects the benchmarks read. */
export interface SandboxReady {
  capaUrl: string;
  connectfiUrl: string;
  /** Capa individuals in REVIEW_NEEDED: the case-view route's subjects. */
  capaReviewNeeded: { id: string; name: string }[];
  /** Of those, the ones whose session captured a selfie video and images: the case page's subject. */
  capaWithMedia: string[];
  /** connectFi customers whose journey waits for review. */
  connectfiWaiting: { id: string; name: string }[];
}

const sandbox = await startSandbox({
  capaPort: 0,
  connectfiPort: 0,
  controlApi: true,
  size: Number(process.env.BENCH_SANDBOX_SIZE ?? 200),
});
const index = scenarioIndex(sandbox.population);
const ready: SandboxReady = {
  capaUrl: sandbox.capaUrl,
  connectfiUrl: sandbox.connectfiUrl,
  capaReviewNeeded: index
    .filter((entry) => entry.provider === 'capa' && entry.subjectType === 'individual')
    .filter((entry) => entry.status === 'REVIEW_NEEDED')
    .map(({ id, name }) => ({ id, name })),
  capaWithMedia: sandbox.population.capa
    .filter((user) => user.kycDetails?.aipriseSummary?.verificationResult === 'REVIEW_NEEDED')
    .filter((user) => user.media.includes('selfie-video') && user.media.length > 1)
    .map((user) => user.userId),
  connectfiWaiting: index
    .filter((entry) => entry.provider === 'connectfi' && entry.status === 'waiting_review')
    .map(({ id, name }) => ({ id, name })),
};
serveParent(ready, {}, () => sandbox.close());
