import { setupServer } from 'msw/node';

/**
 * The one Mock Service Worker server of the SPA's tests, started in `setup.ts`. Tests add their BFF routes
 * with `mockFetch()`; handlers are reset after each test, and a request no handler takes fails the test.
 */
export const mockServer = setupServer();
