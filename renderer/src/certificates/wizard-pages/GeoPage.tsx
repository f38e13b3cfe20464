import { startTransition, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useI18n } from '../../i18n/i18n';
import type { WizardAnswers } from '../wizard-model';
import { countryOptions as countriesIn } from './country-options';
import { Intro, useFieldNotes } from './parts';
import type { WizardPageProps } from './types';

/** Page 7: country or region from the list, state or province, city or locality. */
export function GeoPage(props: WizardPageProps) {
  const { answers, setAnswers } = props;
  const { t, locale } = useI18n();
  const { fieldState } = useFieldNotes(props);
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const countryOptions = countriesIn(locale);
  // The list opens as a transition: the keystroke that opens it only updates the field, and the
  // list (its popper and its options) renders in slices after it.
  const [listOpen, setListOpen] = useState(false);
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
        open={listOpen}
        onOpen={() => startTransition(() => setListOpen(true))}
        onClose={() => setListOpen(false)}
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
