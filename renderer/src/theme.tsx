import { useMemo, type ReactNode } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';

function buildTheme(mode: 'light' | 'dark') {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#0f5fa8' : '#7ab8f5' },
      secondary: { main: mode === 'light' ? '#5b4bb7' : '#b2a6f2' },
      background: mode === 'light' ? { default: '#f4f6f9', paper: '#ffffff' } : { default: '#101418', paper: '#1a2027' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: '"Segoe UI", "Noto Sans", "Noto Sans CJK KR", "Malgun Gothic", Roboto, Helvetica, Arial, sans-serif',
      h5: { fontWeight: 600 },
      h6: { fontWeight: 600 },
    },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
    },
  });
}

/** The app's light or dark theme, with the baseline styles, for everything inside it. */
export function AppTheme({ mode, children }: { mode: 'light' | 'dark'; children: ReactNode }) {
  const theme = useMemo(() => buildTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
