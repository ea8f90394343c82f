import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { FakeEventSource } from './fake-event-source';
import { mockServer } from './mock-server';

// Lazy route chunks load on first use; on a busy machine that can take more than the default second.
configure({ asyncUtilTimeout: 5_000 });

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
