import type { SavedView, SavedViewListResponse } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../../src/app';
import { signIn } from '../../../auth/app';
import { type CaseHarness, caseHarness, type Person } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

describeEachEngine('saved queue views', (engine) => {
  let h: CaseHarness;

  beforeAll(async () => {
    h = await caseHarness(engine);
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  const save = async (person: Person, body: object) => {
    const response = await h.call(person, 'POST', '/api/views', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ view: SavedView }>().view;
  };
  const list = async (person: Person) => {
    const response = await h.call(person, 'GET', '/api/views');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SavedViewListResponse>();
  };
  const names = (views: SavedView[]) => views.map((view) => view.name);

  it('keeps a named view per person, with its filters, sort and hidden columns', async () => {
    const view = await save('analyst', {
      name: 'Capa by score',
      search: 'provider=capa&sort=score',
      hiddenColumns: ['country', 'country', 'upstreamStatus'],
    });
    expect(view).toMatchObject({
      name: 'Capa by score',
      search: 'provider=capa&sort=score',
      hiddenColumns: ['country', 'upstreamStatus'],
      shared: false,
      owner: { id: h.as.analyst.userId },
    });
    expect(names((await list('analyst')).mine)).toEqual(['Capa by score']);
    // Not shared: nobody else sees it.
    expect(await list('analyst2')).toEqual({ mine: [], team: [] });
  });

  it('survives a new sign-in (it is not kept in the browser)', async () => {
    const session = await signIn(h.app, 'analyst', 'analyst-demo');
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/views',
      headers: { cookie: session.cookie },
    });
    expect(names(response.json<SavedViewListResponse>().mine)).toEqual(['Capa by score']);
  });

  // PGlite lives inside one process: there is no other instance to ask.
  if (engine.name === 'postgres') {
    it('is read by every instance of the desk', async () => {
      const other = await buildApp(h.config, h.options);
      try {
        const session = await signIn(other, 'analyst', 'analyst-demo');
        const response = await other.inject({
          method: 'GET',
          url: '/api/views',
          headers: { cookie: session.cookie },
        });
        expect(names(response.json<SavedViewListResponse>().mine)).toEqual(['Capa by score']);
      } finally {
        await other.close();
      }
    });
  }

  it('replaces a view saved again under the same name, keeping whether it is shared', async () => {
    const first = await save('senior', {
      name: 'Breaches',
      search: 'sort=age',
      hiddenColumns: [],
      shared: true,
    });
    const again = await save('senior', {
      name: ' Breaches ',
      search: 'sort=age&direction=desc',
      hiddenColumns: ['country'],
    });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({
      search: 'sort=age&direction=desc',
      hiddenColumns: ['country'],
      shared: true,
    });
    expect(names((await list('senior')).mine)).toEqual(['Breaches']);
  });

  it('lists the views shared with the team to everyone else, and only the owner changes them', async () => {
    const team = await list('support');
    expect(names(team.team)).toEqual(['Breaches']);
    expect(team.team[0]?.owner.id).toBe(h.as.senior.userId);
    const [shared] = team.team;
    if (!shared) throw new Error('no team view');

    const rename = await h.call('analyst', 'PATCH', `/api/views/${shared.id}`, { name: 'Mine now' });
    expect(rename.statusCode).toBe(403);
    expect(rename.json().error.code).toBe('not_your_view');
    expect((await h.call('admin', 'DELETE', `/api/views/${shared.id}`)).statusCode).toBe(403);

    const unshare = await h.call('senior', 'PATCH', `/api/views/${shared.id}`, {
      shared: false,
      name: 'Old first',
    });
    expect(unshare.statusCode, unshare.body).toBe(200);
    expect(unshare.json().view).toMatchObject({ name: 'Old first', shared: false });
    expect((await list('support')).team).toEqual([]);
  });

  it('deletes a view of its owner', async () => {
    const view = await save('support', { name: 'Scratch', search: '', hiddenColumns: [] });
    const deleted = await h.call('support', 'DELETE', `/api/views/${view.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await list('support')).mine).toEqual([]);
    const again = await h.call('support', 'DELETE', `/api/views/${view.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('view_not_found');
  });

  it('refuses bad input with a 4xx in the error envelope', async () => {
    const bad = async (method: 'POST' | 'PATCH', url: string, body: object, status: number, code: string) => {
      const response = await h.call('analyst', method, url, body);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.code).toBe(code);
    };
    await bad('POST', '/api/views', { name: '  ', search: '', hiddenColumns: [] }, 400, 'invalid_request');
    await bad(
      'POST',
      '/api/views',
      { name: 'x'.repeat(61), search: '', hiddenColumns: [] },
      400,
      'invalid_request',
    );
    await bad(
      'POST',
      '/api/views',
      { name: 'Paged', search: 'cursor=abc', hiddenColumns: [] },
      400,
      'invalid_request',
    );
    await bad(
      'POST',
      '/api/views',
      { name: 'Odd', search: 'colour=red', hiddenColumns: [] },
      400,
      'invalid_request',
    );
    // A shared view cannot keep a text search, which may name a customer.
    await bad(
      'POST',
      '/api/views',
      { name: 'Ana', search: 'q=ana', hiddenColumns: [], shared: true },
      400,
      'invalid_request',
    );
    const ana = await save('analyst', { name: 'Ana', search: 'q=ana', hiddenColumns: [] });
    await bad('PATCH', `/api/views/${ana.id}`, { shared: true }, 400, 'invalid_request');
    await bad('PATCH', `/api/views/${ana.id}`, { name: 'Capa by score' }, 409, 'view_name_taken');
    await bad('PATCH', `/api/views/${ana.id}`, {}, 400, 'invalid_request');
    await bad('PATCH', '/api/views/not-a-uuid', { shared: false }, 400, 'invalid_request');
    await bad(
      'PATCH',
      '/api/views/3f6f2f5e-5a7c-4d55-9a51-2b1d1c0e0002',
      { shared: false },
      404,
      'view_not_found',
    );
  });

  it('keeps at most fifty views per person', async () => {
    for (let index = 0; index < 50; index += 1)
      await save('analyst2', { name: `View ${index}`, search: '', hiddenColumns: [] });
    const over = await h.call('analyst2', 'POST', '/api/views', {
      name: 'One more',
      search: '',
      hiddenColumns: [],
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('too_many_views');
    // Saving over an existing name is still possible.
    await save('analyst2', { name: 'View 3', search: 'sort=updated', hiddenColumns: [] });
  });
});
