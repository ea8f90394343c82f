import { CssBaseline, createTheme, type PaletteMode, type Theme, ThemeProvider } from '@mui/material';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type ColorModePreference = PaletteMode | 'system';

const STORAGE_KEY = 'review-desk.color-mode';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function createAppTheme(mode: PaletteMode): Theme {
  return createTheme({
    palette: {
      mode,
      // Text on a filled colour (chips, buttons) picks white or dark at WCAG AA 4.5:1, not MUI's default 3:1:
      // the dark theme's red would otherwise carry white text at 3.7:1.
      contrastThreshold: 4.5,
      primary: { main: mode === 'light' ? '#1f4e8c' : '#8ab4f8' },
      secondary: { main: mode === 'light' ? '#6b3fa0' : '#cfa8ff' },
      // MUI's default light warning (#ed6c02) gives white chip text 3.1:1; this amber keeps it above 4.5:1.
      ...(mode === 'light' ? { warning: { main: '#a64b00' } } : {}),
      background:
        mode === 'light'
          ? { default: '#f5f6f8', paper: '#ffffff' }
          : { default: '#121417', paper: '#1b1e23' },
    },
    shape: { borderRadius: 6 },
    typography: { fontSize: 14 },
    components: {
      // A clearly visible focus ring on every interactive element, in both modes (keyboard-only users).
      MuiCssBaseline: {
        styleOverrides: {
          ':focus-visible': {
            outline: `2px solid ${mode === 'light' ? '#1f4e8c' : '#8ab4f8'}`,
            outlineOffset: 2,
          },
        },
      },
    },
  });
}

export const lightTheme = createAppTheme('light');
export const darkTheme = createAppTheme('dark');

function readPreference(): ColorModePreference {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'system') return stored;
  } catch {
    // Storage may be disabled; the system preference still applies.
  }
  return 'system';
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

type ColorModeContextValue = {
  preference: ColorModePreference;
  mode: PaletteMode;
  setPreference: (preference: ColorModePreference) => void;
  toggle: () => void;
};

const ColorModeContext = createContext<ColorModeContextValue | null>(null);

/** Light or dark theme: the stored choice when there is one, otherwise the operating system's. */
export function ColorModeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ColorModePreference>(readPreference);
  const [systemDark, setSystemDark] = useState(systemPrefersDark);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(DARK_QUERY);
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const setPreference = useCallback((next: ColorModePreference) => {
    setPreferenceState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
  }, []);

  const mode: PaletteMode = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  const value = useMemo<ColorModeContextValue>(
    () => ({
      preference,
      mode,
      setPreference,
      toggle: () => setPreference(mode === 'dark' ? 'light' : 'dark'),
    }),
    [preference, mode, setPreference],
  );

  return (
    <ColorModeContext.Provider value={value}>
      <ThemeProvider theme={mode === 'dark' ? darkTheme : lightTheme}>
        <CssBaseline enableColorScheme />
        {children}
      </ThemeProvider>
    </ColorModeContext.Provider>
  );
}

export function useColorMode(): ColorModeContextValue {
  const value = useContext(ColorModeContext);
  if (value === null) throw new Error('useColorMode needs a ColorModeProvider');
  return value;
}
