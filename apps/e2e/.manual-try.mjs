import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:7200', cfi = 'http://127.0.0.1:7202';
const j = async (r) => { const t = await r.text(); try { return JSON.parse(t); } catch { return t; } };
async function login(u) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: `${u}-demo` }) });
  const { csrfToken } = await r.json();
  return { cookie: r.headers.getSetCookie().map((h) => h.split(';')[0]).join('; '), csrf: csrfToken };
}
const call = async (path, body, token) => j(await fetch(`${cfi}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { 'x-connectfi-token': token } : {}) }, body: JSON.stringify(body) }));
const admin = await login('admin'), analyst = await login('analyst'), support = await login('support');
const urls = await j(await fetch(`${base}/api/webhooks/urls`, { headers: { cookie: admin.cookie } }));
const { data: { token } } = await call('/auth/get-token', { user: { login: 'sandbox-partner', password: 'sandbox-password' } });
const address = { type: 'PRIMARY', line1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' };
const init = await call('/customer/init', { type: 'business', businessName: 'Dana Freight LLC', taxId: '12-3456789', email: 'ops@dana.example', addresses: [address], businessRepresentatives: [{ id: 'RepWaitReview', firstName: 'Dana', lastName: 'WaitReview', dateOfBirth: '1988-02-03', email: 'd@example.com', addresses: [address] }] }, token);
const customerId = init.data.customerId;
const ident = await call('/akepa/identification', { customerId, webhookURL: urls.connectfi }, token);
console.log('journey', ident.data.status);
const opened = await j(await fetch(`${base}/api/cases`, { method: 'POST', headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'connectfi', subjectId: customerId }) }));
const caseId = opened.case.id;
console.log('case', caseId, opened.case.state);

// curl-like hostile requests straight to the BFF
async function up(session, fields, bytes, name) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (bytes) form.append('file', new Blob([bytes]), name);
  const r = await fetch(`${base}/api/cases/${caseId}/documents`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf }, body: form });
  const body = await j(r);
  return `${r.status} ${body?.error?.code ?? body?.document?.status}`;
}
const f = { entityId: 'RepWaitReview', workflow: 'PERSONAL', type: 'license', view: 'front' };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const before = (await j(await fetch(`${cfi}/_sandbox/scenarios?tag=created`))).scenarios?.length;
console.log('API text-as-jpg', await up(analyst, f, Buffer.from('just text'), 'x.jpg'));
console.log('API 0 bytes', await up(analyst, f, Buffer.alloc(0), 'x.png'));
console.log('API 11 MB', await up(analyst, f, Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]), 'big.png'));
console.log('API NUL note', await up(analyst, { ...f, note: 'a\u0000b' }, png, 'x.png'));
console.log('API NUL entity', await up(analyst, { ...f, entityId: 'Rep\u0000' }, png, 'x.png'));
console.log('API wrong entity', await up(analyst, { ...f, entityId: 'cstap_other' }, png, 'x.png'));
console.log('API PDF', await up(analyst, f, Buffer.from('%PDF-1.7\n'), 'x.pdf'));
console.log('API support', await up(support, f, png, 'x.png'));
console.log('API bad view', await up(analyst, { ...f, view: 'side' }, png, 'x.png'));
console.log('API two files', await (async () => { const form = new FormData(); for (const [k, v] of Object.entries(f)) form.append(k, v); form.append('file', new Blob([png]), 'a.png'); form.append('file', new Blob([png]), 'b.png'); const r = await fetch(`${base}/api/cases/${caseId}/documents`, { method: 'POST', headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrf }, body: form }); return `${r.status} ${(await j(r))?.error?.code}`; })());
console.log('API no csrf', await up({ cookie: analyst.cookie, csrf: '' }, f, png, 'x.png'));
const docs = await j(await fetch(`${base}/api/cases/${caseId}/documents`, { headers: { cookie: analyst.cookie } }));
console.log('documents after hostile API calls', docs.documents.length);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
const errors = []; page.on('pageerror', (e) => errors.push(String(e))); page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(`${base}/login`);
await page.getByLabel('Username').fill('analyst'); await page.getByLabel('Password').fill('analyst-demo');
await page.getByRole('button', { name: 'Sign in' }).click(); await page.waitForURL((u) => !u.pathname.startsWith('/login'));
await page.goto(`${base}/cases/${caseId}`);
const region = page.getByRole('region', { name: 'Documents' });
await region.waitFor();
console.log('entities:', await (async () => { await region.getByRole('combobox', { name: 'For' }).click(); const o = await page.getByRole('option').allTextContents(); await page.keyboard.press('Escape'); return o; })());
await region.getByRole('combobox', { name: 'For' }).click(); await page.getByRole('option', { name: /RepWaitReview/ }).click();
const input = region.getByLabel('Document files');
const alerts = () => region.getByRole('alert').allTextContents();
await input.setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is text, not a jpeg') });
await input.setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]) });
await page.waitForTimeout(3000);
console.log('UI alerts:', await alerts());
await region.getByLabel('Note').fill('NUL here:\u0000 end');
console.log('note value has NUL:', (await region.getByLabel('Note').inputValue()).includes('\u0000'));
await input.setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: png });
await region.getByRole('table', { name: 'Documents sent' }).getByText('front.png').waitFor({ timeout: 20000 }).catch(() => {});
await page.waitForTimeout(1500);
console.log('UI alerts after NUL note:', await alerts());
for (const b of await region.getByRole('button', { name: 'Dismiss' }).all()) await b.click().catch(() => {});
await region.getByLabel('Note').fill('front of licence');
await input.setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: png });
await region.getByRole('table', { name: 'Documents sent' }).getByText('front.png').waitFor({ timeout: 20000 });
// same file again
await input.setInputFiles({ name: 'front-again.png', mimeType: 'image/png', buffer: png });
await page.waitForTimeout(2000);
console.log('UI alerts after duplicate:', await alerts());
await region.getByRole('combobox', { name: 'View' }).click(); await page.getByRole('option', { name: 'Back', exact: true }).click();
const jpg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('back')]);
const dt = await page.evaluateHandle((bytes) => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(bytes)], 'back.jpg', { type: 'image/jpeg' })); return t; }, [...jpg]);
await region.getByTestId('document-drop-zone').dispatchEvent('drop', { dataTransfer: dt });
await region.getByRole('table', { name: 'Documents sent' }).getByText('back.jpg').waitFor({ timeout: 20000 });
await page.waitForTimeout(1000);
await page.screenshot({ path: '/tmp/documents-try/1-uploaded.png', fullPage: true });
const attach = region.getByRole('button', { name: /^Attach \d/ });
console.log('attach button:', await attach.textContent());
await attach.click();
await region.getByText('connectFi journey: waiting_review').waitFor({ timeout: 30000 });
await page.waitForTimeout(1500);
console.log('header chips:', await page.locator('header, main').first().getByText('waiting_review').count());
await page.screenshot({ path: '/tmp/documents-try/2-attached.png', fullPage: true });
console.log('page errors:', errors);
// keyboard: tab to the Choose files button
const detail = await j(await fetch(`${base}/api/cases/${caseId}`, { headers: { cookie: analyst.cookie } }));
console.log('case now', detail.case.state, detail.case.upstreamStatus, detail.timeline.filter((e) => e.action.includes('document')).map((e) => `${e.action}/${e.actor.username}`));
// support page
const sp = await (await browser.newContext()).newPage();
await sp.goto(`${base}/login`); await sp.getByLabel('Username').fill('support'); await sp.getByLabel('Password').fill('support-demo');
await sp.getByRole('button', { name: 'Sign in' }).click(); await sp.waitForURL((u) => !u.pathname.startsWith('/login'));
await sp.goto(`${base}/cases/${caseId}`); await sp.getByText('cannot make decisions').first().waitFor({ timeout: 20000 }).catch(() => {});
console.log('support sees Documents region:', await sp.getByRole('region', { name: 'Documents' }).count());
await browser.close();
