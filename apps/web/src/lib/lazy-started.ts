import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/**
 * `React.lazy` for a component whose chunk is asked for at once (when the module that declares it runs) and is
 * usually in before it is first drawn: the case page's decision column, fetched with the page's own chunks
 * (vite.config.ts). Once loaded, it is drawn in that first render, with the rest of the page. Plain `lazy`
 * suspends on every first render, even of a loaded chunk; React then shows the Suspense fallback and holds
 * the content back for its fallback throttle (300 ms) before a second render draws it. Still loading, it
 * suspends as `lazy` does.
 */
export function lazyStarted<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  let loaded: { default: ComponentType<P> } | undefined;
  const loading = load().then((component) => {
    loaded = { default: component };
    return loaded;
  });
  // Not swallowed: a failed load rejects `loading`, which the lazy component throws to its error boundary.
  loading.catch(() => undefined);
  return lazy(() => {
    const done = loaded;
    if (done === undefined) return loading;
    const ready: PromiseLike<{ default: ComponentType<P> }> = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that answers at once is the point: React's lazy reads a module handed over synchronously in this render.
      then: (resolve) => resolve?.(done) as never,
    };
    return ready as Promise<{ default: ComponentType<P> }>;
  });
}
