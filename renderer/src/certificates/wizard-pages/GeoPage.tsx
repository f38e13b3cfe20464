import { useMemo } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { countryCodes } from '../../../../shared/certificates';
import { useI18n } from '../../i18n/i18n';
import type { WizardAnswers } from '../wizard-model';
import { Intro, useFieldNotes } from './parts';
import type { WizardPageProps } from './types';

/** Page 7: country or region from the list, state or province, city or locality. */
export function GeoPage(props: WizardPageProps) {
  const { answers, setAnswers } = props;
  const { t, locale } = useI18n();
  const { fieldState } = useFieldNotes(props);
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: 'region' }), [locale]);
  const countryOptions = useMemo(
    () =>
      [...countryCodes]
        .map((code) => ({ code, label: regionNames.of(code) ?? code }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [regionNames, locale],
  );
  // Typed text that is not in the list is kept (not silently cleared) so the country rule can mark it.
  const selected = countryOptions.find((option) => option.code === answers.country) ?? (answers.country === '' ? null : answers.country);
  const fold = (text: string) => text.trim().toLocaleLowerCase(locale);
  const resolveCountry = (text: string): string => {
    const typed = fold(text);
    const match = countryOptions.find(
      (option) => fold(option.code) === typed || fold(option.label) === typed || fold(`${option.label} (${option.code})`) === typed,
    );
    return match ? match.code : text.trim();
  };
  return (
    <>
      <Intro>{t('wiz.geo.intro')}</Intro>
      <Autocomplete
        freeSolo
        autoSelect
        options={countryOptions}
        value={selected}
        onChange={(_event, option) =>
          set({ country: option === null ? '' : typeof option === 'string' ? resolveCountry(option) : option.code })
        }
        getOptionLabel={(option) => (typeof option === 'string' ? option : `${option.label} (${option.code})`)}
        isOptionEqualToValue={(a, b) => typeof b !== 'string' && a.code === b.code}
        sx={{ maxWidth: 420 }}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('wiz.geo.country')}
            {...fieldState('country', ' ')}
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'field-country' } }}
          />
        )}
      />
      <TextField
        label={t('wiz.geo.state')}
        value={answers.state}
        onChange={(event) => set({ state: event.target.value })}
        {...fieldState('state', ' ')}
        slotProps={{ htmlInput: { 'data-testid': 'field-state' } }}
      />
      <TextField
        label={t('wiz.geo.city')}
        value={answers.city}
        onChange={(event) => set({ city: event.target.value })}
        {...fieldState('city', ' ')}
        slotProps={{ htmlInput: { 'data-testid': 'field-city' } }}
      />
    </>
  );
}
