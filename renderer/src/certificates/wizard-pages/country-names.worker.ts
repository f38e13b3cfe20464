import { nameCountries } from './country-names';

// Names the countries off the page's thread: the first Intl.DisplayNames loads the language data,
// a block of 30 to over 100 ms that would otherwise hold up the page change to the geography page.
self.onmessage = (event: MessageEvent<string>) => self.postMessage(nameCountries(event.data));
