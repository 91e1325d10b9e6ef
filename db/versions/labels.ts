/** Chinese names of the compared tables and fields, for the CLI's text output and the xlsx export. */

export { TABLE_LABELS, KIND_LABELS, FIELD_LABELS, fieldLabel } from '../../contract/ops/versions.ts';

