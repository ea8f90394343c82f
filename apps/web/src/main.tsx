import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from './app';
import { createAppRoutes } from './app/router';
import { createQueryClient } from './lib/query-client';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// The router starts the first navigation as it is created (the page's code and, in the loaders, its requests):
// created here, before React renders anything, rather than during the first render.
const queryClient = createQueryClient();
const router = createBrowserRouter(createAppRoutes(queryClient));

createRoot(container).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
