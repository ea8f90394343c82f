import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { FakeEventSource } from './fake-event-source';
import { mockServer } from './mock-server';

// Lazy route chunks load on first use, and a full case page takes a while to draw: on a busy machine (CI runs
// the workspaces side by side on two cores) that took over 5 s. A bound, not a wait: a met condition returns.
configure({ asyncUtilTimeout: 15_000 });

beforeAll(() => {
  mockServer.listen({ onUnhandledRequest: 'error' });
});

afterAll(() => {
  mockServer.close();
});

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});

afterEach(() => {
  cleanup();
  mockServer.resetHandlers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.localStorage.clear();
});
