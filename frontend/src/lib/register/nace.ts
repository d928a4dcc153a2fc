/**
 * NACE-BEL divisions for the register's screens (sector filter, the form's preview, the details page): the list
 * and labels live in shared/nace.ts, shared with the API's checks.
 */
import { isKnownNaceCode } from '../../../../shared/nace';
import { isNaceShaped } from './checks';

export { NACE_DIVISIONS, naceDivision, naceLabel, type NaceDivision } from '../../../../shared/nace';

/** What is wrong with a NACE code: its shape (`25.62`), or a division that NACE-BEL does not have. */
export function naceProblem(value: string): 'invalid_nace' | 'unknown_nace' | null {
  if (!isNaceShaped(value)) return 'invalid_nace';
  return isKnownNaceCode(value) ? null : 'unknown_nace';
}
