import type { FastifyReply } from 'fastify';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page a browser lands on when a single sign-on cannot complete: the callback is a top-level navigation
 * from the provider, so the answer is a page a person can read (with a way back), not a JSON envelope.
 */
export function ssoProblemPage(reply: FastifyReply, status: number, title: string, message: string) {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Review Desk</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>Reference: ${escapeHtml(reply.request.id)}</p>
<p><a href="/login">Back to sign-in</a></p>
</main>
</body>
</html>
`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
