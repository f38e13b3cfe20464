import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Settings } from '../../shared/domain/settings';
import { paneFeatures, type PaneFeatureId } from './features';
import { useI18n } from './i18n/i18n';

export interface AppBarControlsProps {
  pane: PaneFeatureId | null;
  onPane: (pane: PaneFeatureId | null) => void;
  /** Null until the app's settings have come: the menus stay disabled until then. */
  settings: Settings | null;
  ready: boolean;
  onSettings: (patch: Partial<Settings>) => void;
}

/** The app bar's buttons that open each side pane, and its language and theme menus. */
export function AppBarControls({ pane, onPane, settings, ready, onSettings }: AppBarControlsProps) {
  const { t } = useI18n();
  return (
    <>
      {paneFeatures.map(({ id }) => (
        <Button
          key={id}
          variant={pane === id ? 'contained' : 'outlined'}
          size="small"
          aria-pressed={pane === id}
          onClick={() => onPane(pane === id ? null : id)}
        >
          {t(`pane.${id}.title`)}
        </Button>
      ))}
      <TextField
        select
        label={t('app.language')}
        value={settings?.locale ?? 'system'}
        onChange={(event) => onSettings({ locale: event.target.value as Settings['locale'] })}
        sx={{ width: { xs: 150, lg: 180 } }}
        fullWidth={false}
        disabled={!ready}
      >
        <MenuItem value="system">{t('app.locale.system')}</MenuItem>
        <MenuItem value="en">{t('app.locale.en')}</MenuItem>
        <MenuItem value="ko">{t('app.locale.ko')}</MenuItem>
      </TextField>
      <TextField
        select
        label={t('app.theme')}
        value={settings?.theme ?? 'system'}
        onChange={(event) => onSettings({ theme: event.target.value as Settings['theme'] })}
        sx={{ width: { xs: 180, lg: 200 } }}
        fullWidth={false}
        disabled={!ready}
      >
        <MenuItem value="system">{t('app.theme.system')}</MenuItem>
        <MenuItem value="light">{t('app.theme.light')}</MenuItem>
        <MenuItem value="dark">{t('app.theme.dark')}</MenuItem>
      </TextField>
    </>
  );
}
