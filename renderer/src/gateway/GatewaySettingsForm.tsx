import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { listenAddress, portNumber, type GatewaySettings, type GatewayState } from '../../../shared/gateway/types';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../i18n/issue-text';

const splitAddresses = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** The gateway's s2s port and (for the embedded gateway) its listen addresses, checked at the field. */
export function GatewaySettingsForm({ state }: { state: GatewayState | undefined }) {
  const { t } = useI18n();
  const client = useRpc();
  const [saved, setSaved] = useState<GatewaySettings | null>(null);
  const [port, setPort] = useState('');
  const [listen, setListen] = useState('');
  const [outcome, setOutcome] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    client.call('gateway.settings.get', {}).then(
      (settings) => {
        setSaved(settings);
        setPort(String(settings.s2sPort));
        setListen(settings.interfaces.join(', '));
      },
      (error: unknown) => setOutcome({ severity: 'error', text: errorText(t, error) }),
    );
    // Loaded once; a language change must not throw away what is being typed.
  }, [client]);

  if (!saved) return null;
  const embedded = saved.driver === 'prosody';
  const portValue = /^\d+$/.test(port.trim()) ? Number(port.trim()) : Number.NaN;
  const portError = portNumber.safeParse(portValue).success ? null : t('gw.settings.port.invalid');
  const addresses = splitAddresses(listen);
  const badAddress = addresses.find((address) => !listenAddress.safeParse(address).success);
  const listenError = !embedded
    ? null
    : badAddress !== undefined
      ? t('gw.settings.listen.invalid', { address: badAddress })
      : addresses.length === 0
        ? t('gw.settings.listen.help')
        : null;
  const changed = portValue !== saved.s2sPort || (embedded && addresses.join(',') !== saved.interfaces.join(','));

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (portError || listenError || !changed) return;
    setSaving(true);
    setOutcome(null);
    try {
      const next = await client.call(
        'gateway.settings.set',
        embedded ? { s2sPort: portValue, interfaces: addresses } : { s2sPort: portValue },
      );
      setSaved(next);
      setOutcome({ severity: 'success', text: t(state === 'running' ? 'gw.settings.saved' : 'gw.settings.savedStopped') });
    } catch (error) {
      setOutcome({ severity: 'error', text: errorText(t, error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => void apply(event)}
      sx={{ display: 'grid', gap: 1.5 }}
      data-testid="gateway-settings"
    >
      <Typography variant="subtitle2" component="h3">
        {t('gw.settings')}
      </Typography>
      <TextField
        label={t('gw.port')}
        value={port}
        onChange={(event) => setPort(event.target.value)}
        error={Boolean(portError)}
        helperText={portError ?? t('gw.settings.port.help')}
        size="small"
        slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'gateway-settings-port' } }}
      />
      {embedded && (
        <TextField
          label={t('gw.settings.listen')}
          value={listen}
          onChange={(event) => setListen(event.target.value)}
          error={Boolean(listenError)}
          helperText={listenError ?? t('gw.settings.listen.help')}
          size="small"
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'gateway-settings-listen' } }}
        />
      )}
      <Box>
        <Button
          type="submit"
          variant="outlined"
          disabled={saving || !changed || Boolean(portError || listenError)}
          data-testid="gateway-settings-apply"
        >
          {t('gw.settings.apply')}
        </Button>
      </Box>
      {outcome && (
        <Alert severity={outcome.severity} onClose={() => setOutcome(null)} data-testid="gateway-settings-outcome">
          {outcome.text}
        </Alert>
      )}
    </Box>
  );
}
