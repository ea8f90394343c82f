import { bareView, capaView, connectfiView, hostileView } from '@review-desk/contracts/testing';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { CaseViewSections } from '../case-view-sections';

const sectionTitles = [
  'Verification',
  'Face match',
  'Liveness',
  'ID document',
  'Fraud insights',
  'AML screening',
  'Client reference data',
  'connectFi journey',
];

describe('CaseViewSections', () => {
  it('shows every section of a Capa view, the journey marked as not provided by Capa', () => {
    renderComponent(<CaseViewSections view={capaView()} />);
    for (const title of sectionTitles) expect(screen.getByRole('region', { name: title })).toBeTruthy();
    expect(screen.getAllByText('Not provided by Capa')).toHaveLength(1);
  });

  it('puts the connectFi journey first and marks every Capa-only section as not provided', () => {
    renderComponent(<CaseViewSections view={connectfiView()} />);
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings.slice(0, 2)).toEqual(['Verification', 'connectFi journey']);
    expect(screen.getAllByText('Not provided by connectFi')).toHaveLength(6);
  });

  it('never leaves a section blank when the provider sent nothing', () => {
    renderComponent(<CaseViewSections view={bareView('connectfi')} />);
    expect(screen.getAllByText('Not provided by connectFi')).toHaveLength(sectionTitles.length);
  });

  it('lists payload irregularities, flagging a subject mismatch', () => {
    const view = capaView();
    renderComponent(
      <CaseViewSections
        view={{
          ...view,
          anomalies: [
            { path: 'clientReferenceId', kind: 'subject_mismatch', detail: 'Payload names capa-user-2' },
            { path: 'faceMatchInfo.faceMatchScore', kind: 'coerced_number', detail: 'Sent as "0.72"' },
          ],
        }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Payload irregularities' });
    expect(region.textContent).toContain('Payload names capa-user-2');
    expect(region.textContent).toContain('Number sent as text');
  });

  it('renders a fully hostile view as text', () => {
    const { container } = renderComponent(<CaseViewSections view={hostileView()} />);
    expectHostileStringsAsText(container);
  });
});
