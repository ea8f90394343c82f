import type { AmlDisposition, Disposition } from '@review-desk/contracts';
import { amlHit, bareView, capaView, hostileView, LONG_NAME } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import type { AmlDispositionControl } from '../aml-disposition-control';
import { AmlSection } from '../aml-section';

const control = (overrides: Partial<AmlDispositionControl> = {}): AmlDispositionControl => ({
  dispositions: [],
  disabledReason: null,
  pendingHitRef: null,
  onDispose: vi.fn<(hitRef: string, disposition: AmlDisposition) => void>(),
  ...overrides,
});

const remembered: Disposition = {
  hitRef: 'hit-1',
  hitName: 'Juan Perez Lopez',
  hitDateOfBirth: '1980-03-02',
  disposition: 'false_positive',
  comment: null,
  decidedBy: { id: 'u-2', displayName: 'Ana Senior' },
  decidedAt: '2026-10-01T08:30:00.000Z',
  confirmed: false,
  remembered: {
    caseId: 'c-old',
    decidedBy: { id: 'u-2', displayName: 'Ana Senior' },
    decidedAt: '2026-10-01T08:30:00.000Z',
  },
};

describe('AmlSection', () => {
  it('shows the hit count, search criteria and every entity hit', () => {
    renderComponent(<AmlSection provider="capa" section={capaView().aml} />);
    expect(screen.getByText('María Fernanda López')).toBeTruthy();
    expect(screen.getByText('0.8')).toBeTruthy();
    expect(screen.getByText('No')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'AML entity hits' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(table).getByText('Juan Perez Lopez')).toBeTruthy();
    expect(within(table).getByText('0.91')).toBeTruthy();
    expect(within(table).getByText('0.64')).toBeTruthy();
    expect(within(table).getByText('1980-03-02')).toBeTruthy();
    expect(within(table).getByText('VESSEL_OPERATOR')).toBeTruthy();
    expect(within(table).getByText('unrecognised value')).toBeTruthy();
    expect(within(table).queryByRole('columnheader', { name: 'Disposition' })).toBeNull();
  });

  it('expands a hit into its aliases, match types and sources, as text, and records that it was viewed', async () => {
    const onEvidenceViewed = vi.fn();
    const aml = capaView().aml;
    if (!aml.provided) throw new Error('fixture');
    const listing = {
      listName: 'OFAC SDN',
      listType: 'sanction',
      sourceName: 'US Treasury',
      matchedFields: ['name', 'date_of_birth'],
    };
    const { user } = renderComponent(
      <AmlSection
        provider="capa"
        section={{ ...aml, entityHits: [amlHit({ amlHits: [listing] })] }}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    // Aliases and match types wait for the details.
    expect(screen.queryByText('Juanito')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show listing details for Juan Perez Lopez' }));
    expect(screen.getAllByText('US Treasury').length).toBeGreaterThan(0);
    expect(screen.getByText('Juanito')).toBeTruthy();
    const matchTypes = screen.getByText('Match types').nextElementSibling;
    expect(matchTypes?.textContent).toBe('name, date_of_birth');
    expect(screen.getByText('listName')).toBeTruthy();
    expect(onEvidenceViewed).toHaveBeenCalledWith('aml_hit', 'hit-1');
  });

  it('sorts the hits by name or birth-date match score, missing scores last', async () => {
    const aml = capaView().aml;
    if (!aml.provided) throw new Error('fixture');
    const hits = [
      amlHit({ id: 'a', name: 'Low Name', nameMatchScore: 0.5, dateOfBirthMatchScore: 0.99 }),
      amlHit({ id: 'b', name: 'No Scores', nameMatchScore: null, dateOfBirthMatchScore: null }),
      amlHit({ id: 'c', name: 'High Name', nameMatchScore: 0.95, dateOfBirthMatchScore: 0.1 }),
    ];
    const { user } = renderComponent(<AmlSection provider="capa" section={{ ...aml, entityHits: hits }} />);
    const names = () =>
      screen
        .getAllByRole('button', { name: /^Show listing details for / })
        .map((button) => button.getAttribute('aria-label')?.replace('Show listing details for ', ''));
    expect(names()).toEqual(['Low Name', 'No Scores', 'High Name']);
    await user.click(screen.getByRole('button', { name: /Name match/ }));
    expect(names()).toEqual(['High Name', 'Low Name', 'No Scores']);
    await user.click(screen.getByRole('button', { name: /Birth date match/ }));
    expect(names()).toEqual(['Low Name', 'High Name', 'No Scores']);
    expect(screen.getByRole('columnheader', { name: /Birth date match/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('shows 60 right-to-left hits, each name isolated for its direction, each with its disposition', () => {
    const aml = capaView().aml;
    if (!aml.provided) throw new Error('fixture');
    const hits = Array.from({ length: 60 }, (_, index) =>
      amlHit({ id: `h${index}`, name: `ليلى الحسن ${index}` }),
    );
    renderComponent(
      <AmlSection provider="capa" section={{ ...aml, entityHits: hits }} disposition={control()} />,
    );
    expect(screen.getAllByRole('group', { name: /^Disposition of / })).toHaveLength(60);
    const name = screen.getByText('ليلى الحسن 59');
    expect(name.closest('bdi')?.getAttribute('dir')).toBe('auto');
  });

  it('offers a disposition per hit in a case, keyed by hit id or index', async () => {
    const onDispose = vi.fn();
    const { user } = renderComponent(
      <AmlSection provider="capa" section={capaView().aml} disposition={control({ onDispose })} />,
    );
    const group = screen.getByRole('group', { name: 'Disposition of Maria Lopez' });
    await user.click(within(group).getByRole('button', { name: 'False positive' }));
    expect(onDispose).toHaveBeenCalledWith('#1', 'false_positive');
  });

  it('disables dispositions with the reason shown', () => {
    renderComponent(
      <AmlSection
        provider="capa"
        section={capaView().aml}
        disposition={control({ disabledReason: 'Claim the case first' })}
      />,
    );
    const group = screen.getByRole('group', { name: 'Disposition of Juan Perez Lopez' });
    expect((within(group).getByRole('button', { name: 'True match' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getAllByText('Claim the case first').length).toBe(2);
  });

  it('shows who remembered a false positive and confirms it in one click', async () => {
    const onDispose = vi.fn();
    const { user } = renderComponent(
      <AmlSection
        provider="capa"
        section={capaView().aml}
        disposition={control({ dispositions: [remembered], onDispose })}
      />,
    );
    expect(screen.getByText(/Remembered false positive, marked by Ana Senior on 1 Oct 2026/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Confirm false positive for Juan Perez Lopez' }));
    expect(onDispose).toHaveBeenCalledWith('hit-1', 'false_positive');
  });

  it("names each listing's type and links its source in the row, without expanding, beside Capa's own resolution", () => {
    const aml = capaView().aml;
    if (!aml.provided) throw new Error('fixture');
    const hit = amlHit({
      amlHits: [
        { listName: 'PEP list', listType: 'pep', sourceName: 'Registro PEP', url: 'https://pep.example/1' },
        { listName: 'Press', listType: 'adverse_media', url: 'javascript:alert(1)' },
      ],
    });
    renderComponent(<AmlSection provider="capa" section={{ ...aml, numHits: 1, entityHits: [hit] }} />);
    const table = screen.getByRole('table', { name: 'AML entity hits' });
    expect(within(table).getByRole('columnheader', { name: 'Capa resolution' })).toBeTruthy();
    const row = within(table).getAllByRole('row')[1];
    if (!row) throw new Error('no hit row');
    expect(row.textContent).toContain('PEP: Registro PEP');
    expect(row.textContent).toContain('Adverse media: Press');
    expect(within(row).getByRole('link', { name: 'Registro PEP' }).getAttribute('href')).toBe(
      'https://pep.example/1',
    );
    // Only http(s) sources become links: the javascript: one stays text.
    expect(within(row).getAllByRole('link')).toHaveLength(1);
    expect(within(row).queryByRole('button', { name: /^Hide listing details/ })).toBeNull();
  });

  it('asks a rationale of at least 10 characters before a true match on a PEP listing is recorded', async () => {
    const aml = capaView().aml;
    if (!aml.provided) throw new Error('fixture');
    const hit = amlHit({ amlHits: [{ listName: 'PEP list', listType: 'pep' }] });
    const onDispose = vi.fn();
    const { user } = renderComponent(
      <AmlSection
        provider="capa"
        section={{ ...aml, numHits: 1, entityHits: [hit] }}
        disposition={control({ onDispose })}
      />,
    );
    const group = screen.getByRole('group', { name: 'Disposition of Juan Perez Lopez' });
    await user.click(within(group).getByRole('button', { name: 'True match' }));
    expect(onDispose).not.toHaveBeenCalled();
    const record = screen.getByRole('button', { name: 'Record true match' }) as HTMLButtonElement;
    const rationale = screen.getByRole('textbox', { name: 'Rationale for Juan Perez Lopez' });
    await user.type(rationale, 'too short');
    expect(record.disabled).toBe(true);
    await user.type(rationale, ': exact birth date');
    await user.click(record);
    expect(onDispose).toHaveBeenCalledWith('hit-1', 'true_match', 'too short: exact birth date');
  });

  it('warns when the reported hit count differs from the hits sent', () => {
    const aml = capaView().aml;
    if (!aml.provided) throw new Error('fixture');
    renderComponent(<AmlSection provider="capa" section={{ ...aml, numHits: 5, entityHits: [amlHit()] }} />);
    expect(screen.getByText('The provider reports 5 hits but sent 1.')).toBeTruthy();
  });

  it('says when the section was not provided', () => {
    renderComponent(<AmlSection provider="capa" section={bareView('capa').aml} />);
    expect(screen.getByText('Not provided by Capa')).toBeTruthy();
  });

  it('renders hostile strings as text, including in expanded details', async () => {
    const { container, user } = renderComponent(<AmlSection provider="capa" section={hostileView().aml} />);
    expectHostileStringsAsText(container);
    const [first] = screen.getAllByRole('button', { name: `Show listing details for ${LONG_NAME}` });
    if (!first) throw new Error('no expand button');
    await user.click(first);
    expectHostileStringsAsText(container);
  });
});
