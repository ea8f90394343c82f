import { getContrastRatio } from '@mui/material/styles';
import type { AmlDisposition } from '@review-desk/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { darkTheme, lightTheme } from '@/lib/theme';
import { renderComponent } from '@/testing/test-utils';
import { DispositionBadge, dispositionColors } from '../disposition-badge';

const dispositions: AmlDisposition[] = ['true_match', 'false_positive', 'needs_information'];

describe('the disposition badge', () => {
  it('says the disposition in words and with its own icon', () => {
    renderComponent(
      <div>
        {dispositions.map((disposition) => (
          <DispositionBadge key={disposition} disposition={disposition} />
        ))}
      </div>,
    );
    for (const name of ['True match', 'False positive', 'Needs information']) {
      const badge = screen.getByLabelText(`Disposition: ${name}`);
      expect(badge.textContent).toBe(name);
      expect(badge.querySelector('svg')).not.toBeNull();
    }
    const icons = dispositions.map((name) =>
      screen
        .getByLabelText(new RegExp(`Disposition: ${name.replace('_', ' ')}`, 'i'))
        .querySelector('svg')
        ?.getAttribute('data-testid'),
    );
    expect(new Set(icons).size).toBe(3);
  });

  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ] as const)(
    'meets contrast in the %s theme: text 4.5:1 on the badge, the badge 3:1 on the page',
    (_, theme) => {
      const colours = new Set<string>();
      for (const disposition of dispositions) {
        const palette = theme.palette[dispositionColors[disposition]];
        colours.add(palette.main);
        expect(getContrastRatio(palette.contrastText, palette.main)).toBeGreaterThanOrEqual(4.5);
        expect(getContrastRatio(palette.main, theme.palette.background.paper)).toBeGreaterThanOrEqual(3);
      }
      // True match, false positive and needs information never share a colour.
      expect(colours.size).toBe(3);
    },
  );
});
