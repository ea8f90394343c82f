import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyStarted } from '../lazy-started';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A load the test settles when it wants, to draw the component before and after its chunk is in. */
function deferredLoad() {
  let settle: (component: typeof Greeting) => void = () => undefined;
  const promise = new Promise<typeof Greeting>((resolve) => {
    settle = resolve;
  });
  return { load: () => promise, settle };
}

const drawn = (Component: ReturnType<typeof lazyStarted<{ name: string }>>) =>
  render(
    <Suspense fallback={<p>Loading</p>}>
      <Component name="Ada" />
    </Suspense>,
  );

describe('lazyStarted', () => {
  it('starts loading when declared, not when first drawn', () => {
    let asked = 0;
    lazyStarted(() => {
      asked += 1;
      return Promise.resolve(Greeting);
    });
    expect(asked).toBe(1);
  });

  it('draws a component already loaded in its first render, without the fallback', async () => {
    const deferred = deferredLoad();
    const Component = lazyStarted(deferred.load);
    deferred.settle(Greeting);
    await deferred.load();
    drawn(Component);
    // Drawn synchronously: the render has returned with the component and no fallback was committed.
    expect(screen.queryByText('Hello Ada')).not.toBeNull();
    expect(screen.queryByText('Loading')).toBeNull();
  });

  it('shows the fallback while the component is still loading, then the component', async () => {
    const deferred = deferredLoad();
    const Component = lazyStarted(deferred.load);
    drawn(Component);
    expect(screen.queryByText('Loading')).not.toBeNull();
    deferred.settle(Greeting);
    await screen.findByText('Hello Ada');
    expect(screen.queryByText('Loading')).toBeNull();
  });
});
