import { bareView, capaView, hostileView } from '@review-desk/contracts/testing';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { FaceMatchSection } from '../face-match-section';
import { bandOf, faceMatchBands } from '../score-gauge';

describe('FaceMatchSection', () => {
  it('shows the score on a gauge with its band, the result, status, reasons and warnings', () => {
    const view = capaView();
    renderComponent(<FaceMatchSection provider="capa" section={view.faceMatch} />);
    const gauge = screen.getByRole('meter', { name: 'Face match score' });
    expect(gauge.getAttribute('aria-valuenow')).toBe('0.72');
    expect(gauge.getAttribute('aria-valuetext')).toBe('0.72 (Borderline)');
    expect(screen.getByText('PASSED')).toBeTruthy();
    expect(screen.getByText('APPROVED')).toBeTruthy();
    expect(screen.getByText('Reason for PASSED')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Warnings' })).toBeTruthy();
    expect(screen.getByText('Selfie taken in low light')).toBeTruthy();
    expect(screen.getByText('RESOLVED')).toBeTruthy();
  });

  it('bands scores: below 0.6 low, 0.6 to 0.8 borderline, 0.8 and up high', () => {
    expect(bandOf(0.59, faceMatchBands).label).toBe('Low');
    expect(bandOf(0.6, faceMatchBands).label).toBe('Borderline');
    expect(bandOf(0.79, faceMatchBands).label).toBe('Borderline');
    expect(bandOf(0.8, faceMatchBands).label).toBe('High');
  });

  it('says when the section was not provided', () => {
    renderComponent(<FaceMatchSection provider="connectfi" section={bareView('connectfi').faceMatch} />);
    expect(screen.getByText('Not provided by connectFi')).toBeTruthy();
  });

  it('shows an unknown enum value verbatim with a flag, and hostile strings as text', () => {
    const { container } = renderComponent(
      <FaceMatchSection provider="capa" section={hostileView().faceMatch} />,
    );
    expect(screen.getAllByText('unrecognised value').length).toBeGreaterThan(0);
    expectHostileStringsAsText(container);
  });
});
