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

/** One of the app bar's settings menus: its choices, each a value and what the menu says for it. */
function SettingMenu<V extends string>(props: {
  label: string;
  value: V;
  choices: readonly (readonly [V, string])[];
  width: { xs: number; lg: number };
  disabled: boolean;
  onChange: (value: V) => void;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as V)}
      sx={{ width: props.width }}
      fullWidth={false}
      disabled={props.disabled}
    >
      {props.choices.map(([value, text]) => (
        <MenuItem key={value} value={value}>
          {text}
        </MenuItem>
      ))}
    </TextField>
  );
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
      <SettingMenu
        label={t('app.language')}
        value={settings?.locale ?? 'system'}
        choices={[
          ['system', t('app.locale.system')],
          ['en', t('app.locale.en')],
          ['ko', t('app.locale.ko')],
        ]}
        width={{ xs: 150, lg: 180 }}
        disabled={!ready}
        onChange={(locale) => onSettings({ locale })}
      />
      <SettingMenu
        label={t('app.theme')}
        value={settings?.theme ?? 'system'}
        choices={[
          ['system', t('app.theme.system')],
          ['light', t('app.theme.light')],
          ['dark', t('app.theme.dark')],
        ]}
        width={{ xs: 180, lg: 200 }}
        disabled={!ready}
        onChange={(theme) => onSettings({ theme })}
      />
    </>
  );
}
