import type { SavePathCheck } from '../../../shared/certificates';
import { isMessageKey, type Translate } from '../i18n/i18n';

/** The reason's sentence with the path, folder and file name in it; the core's English when no reason came. */
export function savePathText(check: SavePathCheck, t: Translate): string {
  const key = `reason.${check.reason ?? ''}`;
  return isMessageKey(key) ? t(key, check.params) : (check.message ?? '');
}
