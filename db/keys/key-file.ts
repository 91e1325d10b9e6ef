/**
 * The key file (a .pdkey) for the core: read and written by package/key-file.ts (the layer the core and
 * the city hub share, so both read it with one piece of code); a refusal there (PackageError, reason
 * keys.badFile, naming the field) is the core's PlanDeskError here.
 */
import { PackageError } from '../../package/errors.ts';
import { readKeyFile as readPackageKeyFile, type KeyFile } from '../../package/key-file.ts';
import { PlanDeskError } from '../errors.ts';

export { keyFileText, type KeyFile } from '../../package/key-file.ts';

/** Reads and checks a key file's text; refuses (INVALID_INPUT, reason keys.badFile) naming the field. */
export function readKeyFile(text: string): KeyFile {
  try {
    return readPackageKeyFile(text);
  } catch (err) {
    if (err instanceof PackageError) throw new PlanDeskError(err.code, err.message, err.issues, { reason: err.reason, ...(err.params ? { params: err.params } : {}) });
    throw err;
  }
}
